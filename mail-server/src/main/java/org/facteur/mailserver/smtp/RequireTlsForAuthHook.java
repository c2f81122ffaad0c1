package org.facteur.mailserver.smtp;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

/**
 * Refuses AUTH on a connection without TLS, whatever the credentials (RFC 4954 section 4, 538).
 * James 3.8.1 hides AUTH from EHLO before STARTTLS but still accepts it; this hook runs before
 * James's own password check (see {@link SubmissionHandlers}).
 */
public final class RequireTlsForAuthHook implements AuthHook {

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        return session.isTLSStarted() ? HookResult.DECLINED : encryptionRequired();
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return session.isTLSStarted() ? HookResult.DECLINED : encryptionRequired();
    }

    private static HookResult encryptionRequired() {
        return HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode("538")
                .smtpDescription("5.7.11 Encryption required: use STARTTLS before AUTH")
                .build();
    }
}
