package org.facteur.mailserver.smtp;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.Hook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

/**
 * Refuses AUTH on a connection without TLS, whatever the credentials (RFC 4954 section 4, 538).
 * James 3.8.1 only hides AUTH from EHLO before STARTTLS but still accepts it.
 */
public final class RequireTlsForAuthHook implements HookResultHook {

    @Override
    public HookResult onHookResult(SMTPSession session, HookResult result, long executionTime, Hook hook) {
        if (hook instanceof AuthHook && !session.isTLSStarted()) {
            // James's auth hook has already marked the session authenticated: undo that.
            session.setUsername(null);
            session.setRelayingAllowed(false);
            return HookResult.builder()
                    .hookReturnCode(HookReturnCode.deny())
                    .smtpReturnCode("538")
                    .smtpDescription("5.7.11 Encryption required: use STARTTLS before AUTH")
                    .build();
        }
        return result;
    }
}
