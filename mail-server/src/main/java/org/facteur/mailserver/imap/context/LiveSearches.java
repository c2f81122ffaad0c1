package org.facteur.mailserver.imap.context;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest;
import org.apache.james.imap.message.request.CloseRequest;
import org.apache.james.imap.message.request.UnselectRequest;
import org.apache.james.mailbox.MessageUid;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The searches a session keeps up to date (RFC 5267 §4.3), kept on the session for the mailbox selected when they were
 * made: selecting again, another mailbox or none ends them. At most {@link #LIMIT}; a further UPDATE is answered
 * without being kept ({@code NOUPDATE}). Each change is found by running the search again, once per command, so a
 * session without a live search pays nothing.
 */
public final class LiveSearches {
    /**
     * Dovecot's limit: every live search is run again after each command of the session, so this bounds the work one
     * member's session causes per command.
     */
    static final int LIMIT = 10;
    private static final String ATTRIBUTE = LiveSearches.class.getName();

    private final SelectedMailbox selected;
    private final LiveSearchQuery query;
    private final Map<Tag, LiveSearch> searches = new LinkedHashMap<>();

    private LiveSearches(SelectedMailbox selected, LiveSearchQuery query) {
        this.selected = selected;
        this.query = query;
    }

    /** The live searches of the mailbox the session has selected now, if any. */
    public static Optional<LiveSearches> of(ImapSession session) {
        Object value = session.getAttribute(ATTRIBUTE);
        if (!(value instanceof LiveSearches live)) {
            return Optional.empty();
        }
        if (live.selected != session.getSelected()) {
            session.setAttribute(ATTRIBUTE, null);
            return Optional.empty();
        }
        return live.isEmpty() ? Optional.empty() : Optional.of(live);
    }

    /**
     * Ends the session's live searches when {@code message} selects a mailbox (again) or closes it: James keeps its
     * view of a mailbox selected twice, so the object alone does not tell.
     */
    public static void endOnSelection(ImapMessage message, ImapSession session) {
        if (message instanceof AbstractMailboxSelectionRequest || message instanceof CloseRequest
                || message instanceof UnselectRequest) {
            session.setAttribute(ATTRIBUTE, null);
        }
    }

    static LiveSearches forSelected(ImapSession session, LiveSearchQuery query) {
        Object value = session.getAttribute(ATTRIBUTE);
        if (value instanceof LiveSearches live && live.selected == session.getSelected()) {
            return live;
        }
        LiveSearches created = new LiveSearches(session.getSelected(), query);
        session.setAttribute(ATTRIBUTE, created);
        return created;
    }

    synchronized boolean has(Tag tag) {
        return searches.containsKey(tag);
    }

    /** Keeps the search up to date, unless the session already keeps {@link #LIMIT}. */
    synchronized boolean keep(LiveSearch search) {
        if (searches.size() >= LIMIT) {
            return false;
        }
        searches.put(search.tag(), search);
        return true;
    }

    synchronized boolean cancel(Tag tag) {
        return searches.remove(tag) != null;
    }

    synchronized boolean isEmpty() {
        return searches.isEmpty();
    }

    /**
     * The REMOVEFROMs to send before James announces the messages it is expunging (RFC 5267 §4.3.4: before the
     * EXPUNGE, in the message numbers the client still has). James may already have taken the first one out of the
     * view when this runs; the numbers count it back.
     */
    public synchronized List<ImapResponseMessage> beforeExpunges() {
        Collection<MessageUid> expunged = selected.expungedUids();
        if (expunged.isEmpty()) {
            return List.of();
        }
        SessionView view = new SessionView(selected);
        List<MessageUid> takenOut = expunged.stream().filter(uid -> !view.holds(uid)).toList();
        List<ImapResponseMessage> responses = new ArrayList<>();
        for (LiveSearch search : searches.values()) {
            search.expunged(expunged, uid -> view.numberBefore(uid, takenOut)).ifPresent(responses::add);
        }
        return responses;
    }

    /**
     * The ADDTO and REMOVEFROM that bring every live search up to date, for messages the client knows: at most
     * {@code known} message numbers (the last EXISTS it was sent), none waiting to be announced expunged. The searches
     * run first; the messages waiting to be announced expunged are read once, after them, for all.
     */
    public Mono<List<ImapResponseMessage>> changes(ImapSession session, long known) {
        List<LiveSearch> current;
        synchronized (this) {
            current = List.copyOf(searches.values());
        }
        return Flux.fromIterable(current)
                .concatMap(search -> query.matching(search.key(), session)
                        .map(matching -> Map.entry(search, matching)))
                .collectList()
                .map(results -> changesOf(results, known));
    }

    private synchronized List<ImapResponseMessage> changesOf(List<Map.Entry<LiveSearch, Set<MessageUid>>> results,
                                                             long known) {
        Set<MessageUid> waiting = new TreeSet<>(selected.expungedUids());
        List<ImapResponseMessage> responses = new ArrayList<>();
        for (Map.Entry<LiveSearch, Set<MessageUid>> result : results) {
            if (searches.containsValue(result.getKey())) {
                changesOf(result.getKey(), result.getValue(), known, waiting).ifPresent(responses::add);
            }
        }
        return responses;
    }

    private Optional<ImapResponseMessage> changesOf(LiveSearch search, Set<MessageUid> matching, long known,
                                                    Set<MessageUid> waiting) {
        SortedSet<MessageUid> told = new TreeSet<>();
        for (MessageUid uid : matching) {
            Optional<Integer> number = selected.msn(uid).asInt();
            if (number.isPresent() && number.get() <= known && !waiting.contains(uid)) {
                told.add(uid);
            }
        }
        return search.changedTo(told, waiting, uid -> selected.msn(uid).asInt().orElse(0))
                .map(ImapResponseMessage.class::cast);
    }
}
