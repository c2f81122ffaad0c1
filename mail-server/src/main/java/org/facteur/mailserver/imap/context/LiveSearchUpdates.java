package org.facteur.mailserver.imap.context;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.response.ExpungeResponse;
import org.apache.james.imap.message.response.VanishedResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * A command's responder that tells the session's live searches (RFC 5267 §4.3) of the command's effects: a
 * REMOVEFROM before the first EXPUNGE (or VANISHED) of a run, while its message numbers are still the client's; and,
 * when the session has live searches, the command's tagged answer is held until {@link #finish()} has run them again
 * and sent their ADDTO and REMOVEFROM, which then come after every EXISTS the command sent. During IDLE, expunges are
 * told at once; other changes when IDLE ends.
 */
public final class LiveSearchUpdates implements Responder {
    private static final Logger LOGGER = LoggerFactory.getLogger(LiveSearchUpdates.class);

    private final Responder responder;
    private final ImapSession session;
    private final LongSupplier known;
    private boolean inExpunges;
    private List<ImapResponseMessage> held;

    /** {@code known}: how many messages the client has been told exist (its last EXISTS, less the EXPUNGEs since). */
    public LiveSearchUpdates(Responder responder, ImapSession session, LongSupplier known) {
        this.responder = responder;
        this.session = session;
        this.known = known;
    }

    @Override
    public synchronized void respond(ImapResponseMessage message) {
        if (held != null) {
            held.add(message);
            return;
        }
        boolean expunge = message instanceof ExpungeResponse
                || message instanceof VanishedResponse vanished && !vanished.isEarlier();
        if (expunge && !inExpunges) {
            LiveSearches.of(session).ifPresent(live -> live.beforeExpunges().forEach(responder::respond));
        }
        inExpunges = expunge;
        if (message instanceof StatusResponse status && status.getTag() != null && LiveSearches.of(session).isPresent()) {
            held = new ArrayList<>(List.of(message));
            return;
        }
        responder.respond(message);
    }

    @Override
    public synchronized void flush() {
        if (held == null) {
            responder.flush();
        }
    }

    /** Sends the live searches' changes, then the tagged answer held back; nothing to do when none was held. */
    public Mono<Void> finish() {
        synchronized (this) {
            if (held == null) {
                return Mono.empty();
            }
        }
        return Mono.justOrEmpty(LiveSearches.of(session))
                .flatMap(live -> live.changes(session, known.getAsLong()))
                .onErrorResume(e -> {
                    LOGGER.warn("Could not run the session's live searches again; their updates wait for the next command", e);
                    return Mono.empty();
                })
                .doOnNext(changes -> changes.forEach(responder::respond))
                .then(release());
    }

    /** Sends what was held back, as it is. */
    public Mono<Void> release() {
        return Mono.fromRunnable(() -> {
            List<ImapResponseMessage> toSend;
            boolean flushNow;
            synchronized (this) {
                toSend = held == null ? List.of() : held;
                flushNow = held != null;
                held = null;
            }
            toSend.forEach(responder::respond);
            if (flushNow) {
                responder.flush();
            }
        });
    }
}
