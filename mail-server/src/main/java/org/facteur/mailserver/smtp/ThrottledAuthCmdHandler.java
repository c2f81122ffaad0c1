package org.facteur.mailserver.smtp;

import java.time.Duration;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.AuthCmdHandler;
import org.facteur.mailserver.login.LoginLog;
import org.facteur.mailserver.login.LoginThrottle;

/**
 * James's AUTH command with the login policy around every password check (PLAIN and LOGIN, with or
 * without initial response all end in {@link #doAuthTest}): a throttled client gets {@code 454 4.7.0}
 * before its password is looked at, a wrong password {@code 535 5.7.8} (RFC 4954) after a delay that
 * {@link GuardedSmtpServer}'s tarpit applies to the reply.
 */
public final class ThrottledAuthCmdHandler extends AuthCmdHandler {
    /** How long the next reply of this connection waits (read and cleared by the tarpit). */
    static final ProtocolSession.AttachmentKey<Duration> REPLY_DELAY =
            ProtocolSession.AttachmentKey.of("facteur.reply-delay", Duration.class);
    private static final Response THROTTLED = new SMTPResponse("454",
            "4.7.0 Too many failed logins from your address: try again later").immutable();
    private static final Response WRONG_CREDENTIALS = new SMTPResponse(SMTPRetCode.AUTH_FAILED,
            "5.7.8 Authentication credentials invalid: wrong address or password").immutable();

    private final LoginThrottle throttle;

    @Inject
    public ThrottledAuthCmdHandler(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected Response doAuthTest(SMTPSession session, Username username, String pass, String authType) {
        if (username == null || pass == null || !session.isTLSStarted()) {
            // A syntax error, or AUTH before STARTTLS (refused with 538 before any password check): no attempt.
            return super.doAuthTest(session, username, pass, authType);
        }
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        LoginThrottle.Attempt attempt = throttle.begin(username.asString(), session.getRemoteAddress().getAddress());
        if (attempt.refused()) {
            LoginLog.record("smtp", LoginLog.Result.REFUSED, username.asString(), client);
            return THROTTLED;
        }
        Response response;
        try {
            response = super.doAuthTest(session, username, pass, authType);
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        if (SMTPRetCode.AUTH_OK.equals(response.getRetCode())) {
            attempt.succeeded();
            LoginLog.record("smtp", LoginLog.Result.SUCCEEDED, username.asString(), client);
            return response;
        }
        if (SMTPRetCode.AUTH_FAILED.equals(response.getRetCode())) {
            session.setAttachment(REPLY_DELAY, attempt.failed(), ProtocolSession.State.Connection);
            LoginLog.record("smtp", LoginLog.Result.FAILED, username.asString(), client);
            return WRONG_CREDENTIALS;
        }
        attempt.abandoned();
        return response;
    }
}
