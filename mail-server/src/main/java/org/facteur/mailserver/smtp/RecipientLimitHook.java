package org.facteur.mailserver.smtp;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;

/**
 * At most {@code <maxRecipients>} recipients per transaction (Postfix's {@code smtpd_recipient_limit}, 1,000 by
 * default): the next one gets {@code 452 4.5.3}, and the client sends the others in another transaction
 * (RFC 5321 section 4.5.3.1.10). Listed first in the handler chain, so no other hook accepts a recipient before it.
 */
public final class RecipientLimitHook implements RcptHook {
    private int max = 1000;

    @Override
    public void init(Configuration config) throws ConfigurationException {
        max = config.getInt("maxRecipients", max);
        if (max < 1) {
            throw new ConfigurationException("maxRecipients must be at least 1");
        }
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        if (session.getRcptCount() < max) {
            return HookResult.DECLINED;
        }
        return HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(SMTPRetCode.SYSTEM_STORAGE_ERROR)
                .smtpDescription("4.5.3 Too many recipients: this server takes " + max
                        + " per message; send to the others in another message")
                .build();
    }
}
