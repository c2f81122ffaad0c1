package org.facteur.mailserver.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.MessageRange;

/**
 * The UIDs of the session's view that a COPY or MOVE names, merged and in order: the source set of its COPYUID
 * (RFC 4315 §3). James 3.8.1 repeated the command's own set there: sequence numbers for COPY and MOVE, and for a
 * UID set ending in {@code *} the number 9223372036854775807, so a client pairing source and destination UIDs got
 * them wrong.
 */
final class NamedUids {
    /** How the processor turns one range of the command into UIDs (its {@code messageRange}). */
    @FunctionalInterface
    interface Ranges {
        Optional<MessageRange> of(SelectedMailbox selected, IdRange range, boolean useUids) throws MessageRangeException;
    }

    private NamedUids() {
    }

    /** The UIDs named; none when nothing is selected or James refuses the set (it then answers BAD). */
    static List<IdRange> of(IdRange[] set, boolean useUids, SelectedMailbox selected, Ranges ranges) {
        List<IdRange> uids = new ArrayList<>();
        if (selected == null) {
            return uids;
        }
        try {
            for (IdRange range : set) {
                Optional<MessageRange> named = ranges.of(selected, range, useUids);
                if (named.isPresent()) {
                    inView(selected, named.get(), uids);
                }
            }
        } catch (MessageRangeException e) {
            return List.of();
        }
        return IdRange.mergeRanges(uids);
    }

    /** Adds the view's UIDs within {@code range}: from the first at or above its start, found by bisection. */
    private static void inView(SelectedMailbox selected, MessageRange range, List<IdRange> uids) {
        int low = 1;
        int high = (int) selected.existsCount() + 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (uidAt(selected, middle) < range.getUidFrom().asLong()) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        for (int msn = low; msn <= selected.existsCount() && uidAt(selected, msn) <= range.getUidTo().asLong(); msn++) {
            uids.add(new IdRange(uidAt(selected, msn)));
        }
    }

    private static long uidAt(SelectedMailbox selected, int msn) {
        return selected.uid(msn).map(MessageUid::asLong).orElse(Long.MAX_VALUE);
    }
}
