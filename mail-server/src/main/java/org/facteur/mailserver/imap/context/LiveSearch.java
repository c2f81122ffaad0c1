package org.facteur.mailserver.imap.context;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.mailbox.MessageUid;

/**
 * One search kept up to date (RFC 5267 §4.3): its tag, whether it answers in UIDs, its keys, and the UIDs of the
 * messages the client has been told match, in mailbox order. Changes are written as {@code REMOVEFROM (0 …)} and
 * {@code ADDTO (0 …)}: position 0, as a SEARCH context allows, ids in mailbox order.
 */
final class LiveSearch {
    private final Tag tag;
    private final boolean uids;
    private final SearchKey key;
    private final NavigableSet<MessageUid> told;

    LiveSearch(Tag tag, boolean uids, SearchKey key, Collection<MessageUid> told) {
        this.tag = tag;
        this.uids = uids;
        this.key = key;
        this.told = new TreeSet<>(told);
    }

    Tag tag() {
        return tag;
    }

    SearchKey key() {
        return key;
    }

    /**
     * The REMOVEFROM for those of {@code expunged} the client was told match, numbered by {@code number} (UIDs for a
     * UID SEARCH); they leave the result.
     */
    Optional<ContextSearchResponse> expunged(Collection<MessageUid> expunged, ToLongFunction<MessageUid> number) {
        List<MessageUid> leaving = expunged.stream().filter(told::contains).toList();
        if (leaving.isEmpty()) {
            return Optional.empty();
        }
        leaving.forEach(told::remove);
        List<String> data = new ArrayList<>();
        item(data, "REMOVEFROM", ids(leaving, number));
        return data.isEmpty() ? Optional.empty() : Optional.of(new ContextSearchResponse(tag, uids, data));
    }

    /**
     * The REMOVEFROM and ADDTO that bring the client from what it was told to {@code matching} (messages it may be
     * told of: in its view, not waiting to be announced expunged, in mailbox order); {@code stillTold} are kept as
     * they are.
     */
    Optional<ContextSearchResponse> changedTo(SortedSet<MessageUid> matching, Collection<MessageUid> stillTold,
                                              ToLongFunction<MessageUid> number) {
        List<MessageUid> removed = told.stream().filter(uid -> !matching.contains(uid) && !stillTold.contains(uid)).toList();
        List<MessageUid> added = matching.stream().filter(uid -> !told.contains(uid)).toList();
        if (removed.isEmpty() && added.isEmpty()) {
            return Optional.empty();
        }
        List<String> data = new ArrayList<>();
        item(data, "REMOVEFROM", ids(removed, number));
        item(data, "ADDTO", ids(added, number));
        removed.forEach(told::remove);
        told.addAll(added);
        return data.isEmpty() ? Optional.empty() : Optional.of(new ContextSearchResponse(tag, uids, data));
    }

    private static void item(List<String> data, String name, List<Long> ids) {
        if (!ids.isEmpty()) {
            data.add(name);
            data.add("(0 " + SequenceSets.of(ids) + ")");
        }
    }

    /** UIDs, or message numbers; a message no longer in the client's view (number 0) has none and is left out. */
    private List<Long> ids(List<MessageUid> messages, ToLongFunction<MessageUid> number) {
        return messages.stream().map(uid -> uids ? uid.asLong() : number.applyAsLong(uid))
                .filter(id -> id > 0).sorted().toList();
    }
}
