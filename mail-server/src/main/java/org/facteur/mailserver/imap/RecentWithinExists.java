package org.facteur.mailserver.imap;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.ExistsResponse;
import org.apache.james.imap.message.response.ExpungeResponse;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.RecentResponse;
import org.apache.james.imap.message.response.VanishedResponse;

/**
 * A responder that keeps RECENT, EXPUNGE and FETCH within the messages a client has been told exist: the last
 * {@code * N EXISTS} minus the {@code EXPUNGE}s sent since. {@code * N RECENT} is lowered to that count (RFC 3501
 * §7.3.2: RECENT counts messages of the mailbox the client knows); an {@code EXPUNGE} numbered above it is left out
 * (RFC 3501 §7.4.1: it must not name a message the client has not been told of; James has already taken that message
 * out of the session's numbering, so it is simply never announced); a {@code FETCH} numbered above it is preceded by
 * an {@code EXISTS} of the session's view, so that the client knows the number it names. James 3.8.1 reads the
 * session's recent count after it sent the EXISTS of the same reply, and a delivery applied in between (its event runs
 * on another thread) was counted in RECENT only: Dovecot's imaptest stress reported "seq too high … * 11 RECENT" 40
 * times in 30 s with 50 clients appending to one mailbox. The same race numbered the new message in that reply's
 * EXPUNGEs and flag updates ("seq too high (13 > 12, state=EXPUNGE): * 13 EXPUNGE", "… * 11 FETCH (MODSEQ … FLAGS
 * …)", 2026-12-05), and James sends a command's own FETCH data before that reply's EXISTS ({@code UID FETCH 1:*} with
 * a delivery not yet announced). An EXPUNGE James writes for a message the session never numbered
 * ({@link KnownMessageExpungeEncoder} leaves it out) does not lower the count. After a {@code VANISHED} (QRESYNC) the
 * count is unknown until the next EXISTS, and everything passes as James sends it. SEARCH results are not checked.
 */
final class RecentWithinExists implements Responder {
    private static final String ANNOUNCED = RecentWithinExists.class.getName() + ".announced";
    private static final long UNKNOWN = -1;

    private final Responder responder;
    private final ImapSession session;

    RecentWithinExists(Responder responder, ImapSession session) {
        this.responder = responder;
        this.session = session;
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (message instanceof ExistsResponse exists) {
            announced().set(exists.getNumberOfMessages());
        } else if (message instanceof ExpungeResponse expunge) {
            Optional<Integer> number = expunge.getMessageSequenceNumber().asInt();
            if (number.isPresent() && beyondAnnounced(number.get())) {
                return;
            }
            if (number.isPresent()) {
                announced().updateAndGet(n -> n > 0 ? n - 1 : n);
            }
        } else if (message instanceof FetchResponse fetch && beyondAnnounced(fetch.getMessageNumber().asInt())) {
            announce(fetch.getMessageNumber().asInt());
        } else if (message instanceof VanishedResponse vanished && !vanished.isEarlier()) {
            announced().set(UNKNOWN);
        } else if (message instanceof RecentResponse recent) {
            long known = announced().get();
            if (known != UNKNOWN && recent.getNumberFlaggedRecent() > known) {
                responder.respond(new RecentResponse((int) known));
                return;
            }
        }
        responder.respond(message);
    }

    /**
     * Tells the client of the messages up to the one a FETCH is about to name (RFC 3501 §7: EXISTS may come at any time,
     * also during a FETCH), with the session's whole view when it holds more: the FETCH may be one the client asked for
     * ({@code UID FETCH 1:*} with a delivery not yet announced), so it is sent, not left out.
     */
    private void announce(int messageNumber) {
        SelectedMailbox selected = session.getSelected();
        long count = Math.max(messageNumber, selected == null ? 0 : selected.existsCount());
        announced().set(count);
        responder.respond(new ExistsResponse(count));
    }

    private boolean beyondAnnounced(int messageNumber) {
        long known = announced().get();
        return known != UNKNOWN && messageNumber > known;
    }

    @Override
    public void flush() {
        responder.flush();
    }

    /**
     * How many messages the session's client has been told exist: its last EXISTS less the EXPUNGEs since; empty
     * before the first EXISTS and after a VANISHED.
     */
    static OptionalLong announced(ImapSession session) {
        Object value = session.getAttribute(ANNOUNCED);
        if (value instanceof AtomicLong known && known.get() != UNKNOWN) {
            return OptionalLong.of(known.get());
        }
        return OptionalLong.empty();
    }

    private AtomicLong announced() {
        synchronized (session) {
            Object value = session.getAttribute(ANNOUNCED);
            if (value instanceof AtomicLong known) {
                return known;
            }
            AtomicLong created = new AtomicLong(UNKNOWN);
            session.setAttribute(ANNOUNCED, created);
            return created;
        }
    }
}
