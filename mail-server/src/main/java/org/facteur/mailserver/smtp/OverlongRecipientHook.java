package org.facteur.mailserver.smtp;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;

/**
 * A recipient address longer than RFC 5321 allows (a path of 256 characters with its brackets, so 254 for the
 * address, section 4.5.3.1.3) is refused for good with {@code 553 5.1.3}. James 3.8.1's recipient check turned one in
 * our domains into a user name, which may not exceed 255 characters, and answered {@code 451 4.0.0} with a stack
 * trace: the sending server kept trying for days.
 */
public final class OverlongRecipientHook implements RcptHook {
    static final int MAX_ADDRESS_LENGTH = 254;

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (rcpt.asString().length() <= MAX_ADDRESS_LENGTH) {
            return HookResult.DECLINED;
        }
        return HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode(SMTPRetCode.SYNTAX_ERROR_MAILBOX)
                .smtpDescription("5.1.3 The recipient address is " + rcpt.asString().length() + " characters long; "
                        + "RFC 5321 allows " + MAX_ADDRESS_LENGTH + " (section 4.5.3.1.3)")
                .build();
    }
}
