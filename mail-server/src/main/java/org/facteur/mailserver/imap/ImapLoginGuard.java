package org.facteur.mailserver.imap;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.response.ImmutableStatusResponse;
import org.facteur.mailserver.login.LoginLog;
import org.facteur.mailserver.login.LoginThrottle;

/**
 * Runs James's password check of LOGIN or AUTHENTICATE under the login policy. A throttled client gets
 * {@code NO [UNAVAILABLE]} before its password is looked at; a wrong password {@code NO
 * [AUTHENTICATIONFAILED]} (RFC 5530), delayed by the tarpit of {@link GuardedImapServer}.
 */
final class ImapLoginGuard {
    /** The connection's {@code AtomicReference<Duration>}: how long its next reply waits (taken by the tarpit). */
    static final String REPLY_DELAY = "facteur.reply-delay";
    private static final HumanReadableText THROTTLED = new HumanReadableText("org.facteur.imap.THROTTLED",
            "[UNAVAILABLE] Too many failed logins from your address: try again later.");
    private static final HumanReadableText WRONG_CREDENTIALS = new HumanReadableText("org.facteur.imap.WRONG_CREDENTIALS",
            "[AUTHENTICATIONFAILED] Authentication failed: wrong address or password.");
    /** What James answers when the password (or the address) is wrong. */
    private static final Set<HumanReadableText> CREDENTIALS_REFUSED = Set.of(HumanReadableText.INVALID_LOGIN,
            HumanReadableText.AUTHENTICATION_FAILED, HumanReadableText.TOO_MANY_FAILURES);

    private final LoginThrottle throttle;

    @Inject
    ImapLoginGuard(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    /**
     * @param user whose password James checks; null when the request could not be parsed (James answers it,
     *             no password is checked)
     * @param check James's own check, answering through the responder it is given
     */
    void check(Username user, ImapSession session, ImapRequest request, Responder responder, Consumer<Responder> check) {
        if (user == null) {
            check.accept(responder);
            return;
        }
        String address = user.asString();
        String shown = LoginThrottle.printable(address);
        LoginThrottle.Attempt attempt = throttle.begin(address, ImapClientAddress.of(session));
        if (attempt.refused()) {
            LoginLog.record("imap", LoginLog.Result.REFUSED, address, ImapClientAddress.text(session));
            // No command name before the text: the response code must come first (RFC 3501 resp-text).
            responder.respond(new ImmutableStatusResponse(StatusResponse.Type.NO, request.getTag(), null, THROTTLED, null));
            return;
        }
        Outcome outcome = new Outcome(attempt, shown, session, responder);
        try {
            check.accept(outcome);
        } finally {
            if (session.getState() == ImapSessionState.AUTHENTICATED) {
                attempt.succeeded();
                LoginLog.record("imap", LoginLog.Result.SUCCEEDED, address, ImapClientAddress.text(session));
            } else if (!outcome.failed) {
                attempt.abandoned();
            }
        }
    }

    /** Passes James's answers on, recognising (and rewording) the one that says the credentials were wrong. */
    private static final class Outcome implements Responder {
        private final LoginThrottle.Attempt attempt;
        private final String address;
        private final ImapSession session;
        private final Responder next;
        private boolean failed;

        Outcome(LoginThrottle.Attempt attempt, String address, ImapSession session, Responder next) {
            this.attempt = attempt;
            this.address = address;
            this.session = session;
            this.next = next;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void respond(ImapResponseMessage message) {
            if (!failed && message instanceof StatusResponse status && CREDENTIALS_REFUSED.contains(status.getTextKey())) {
                failed = true;
                Duration delay = attempt.failed();
                if (session.getAttribute(REPLY_DELAY) instanceof AtomicReference<?> slot) {
                    ((AtomicReference<Duration>) slot).set(delay);
                }
                LoginLog.record("imap", LoginLog.Result.FAILED, address, ImapClientAddress.text(session));
                if (status.getServerResponseType() == StatusResponse.Type.NO) {
                    next.respond(new ImmutableStatusResponse(StatusResponse.Type.NO, status.getTag(), null, WRONG_CREDENTIALS, null));
                    return;
                }
            }
            next.respond(message);
        }

        @Override
        public void flush() {
            next.flush();
        }
    }
}
