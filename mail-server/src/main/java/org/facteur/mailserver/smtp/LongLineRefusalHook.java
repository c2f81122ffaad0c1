package org.facteur.mailserver.smtp;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.AbstractChannelPipelineFactory;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;

/**
 * Refuses, at the end of DATA and with one answer, a message that had a line too long for James to read whole
 * (marked by {@link LongLineInData}): storing it without that line would deliver something the sender did not
 * write. Lines between RFC 5321's 998 characters and James's 8,192 are accepted, as Postfix accepts them.
 */
public final class LongLineRefusalHook implements JamesMessageHook {
    static final int MAX_LINE = AbstractChannelPipelineFactory.MAX_LINE_LENGTH;
    static final ProtocolSession.AttachmentKey<Boolean> LINE_TOO_LONG =
            ProtocolSession.AttachmentKey.of("facteur.lineTooLong", Boolean.class);

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (session.getAttachment(LINE_TOO_LONG, ProtocolSession.State.Transaction).isEmpty()) {
            return HookResult.DECLINED;
        }
        return HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode("554")
                .smtpDescription("5.6.0 Message refused: it has a line longer than " + MAX_LINE
                        + " characters (RFC 5321 allows 998); wrap long lines or encode them (quoted-printable, base64)"
                        + " and send it again")
                .build();
    }
}
