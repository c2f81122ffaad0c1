package org.facteur.mailserver.imap;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;

import reactor.core.publisher.Mono;

/**
 * A SELECT or EXAMINE that fails leaves no mailbox selected (RFC 3501 §6.3.1 and §6.3.2, as Dovecot does). James
 * 3.8.1 kept the mailbox selected before, so a client that took the {@code NO} to mean "no mailbox selected" and
 * went on with FETCH or STORE acted on a mailbox it no longer meant. A {@code BAD} changes nothing: the command was
 * not carried out, so the selection kept stays read-write or read-only as it was ({@link ReadOnlySelection}).
 */
final class FailedSelectionDeselects {
    private FailedSelectionDeselects() {
    }

    /**
     * Runs {@code selection} with a responder that watches for its tagged answer: deselects after a {@code NO}, puts
     * the read-write mark back at a {@code BAD}.
     */
    static Mono<Void> process(ImapRequest request, ImapSession session, Responder responder,
                              Function<Responder, Mono<Void>> selection) {
        AtomicBoolean refused = new AtomicBoolean();
        Object mark = RecentClaimingSession.mark(session);
        Responder watching = new Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                if (message instanceof StatusResponse status && request.getTag().equals(status.getTag())) {
                    if (status.getServerResponseType() == StatusResponse.Type.NO) {
                        refused.set(true);
                    } else if (status.getServerResponseType() == StatusResponse.Type.BAD) {
                        RecentClaimingSession.restore(session, mark);
                    }
                }
                responder.respond(message);
            }

            @Override
            public void flush() {
                responder.flush();
            }
        };
        Mono<Void> selecting;
        try {
            selecting = selection.apply(watching);
        } catch (RuntimeException e) {
            return deselect(session).then(Mono.error(e)); // a name James refuses before it starts (ForeignNamespace)
        }
        return selecting.then(Mono.defer(() -> refused.get() ? deselect(session) : Mono.empty()));
    }

    private static Mono<Void> deselect(ImapSession session) {
        return Mono.defer(() -> session.getSelected() == null ? Mono.empty() : session.deselect());
    }
}
