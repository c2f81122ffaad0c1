package org.facteur.mailserver.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MessageRangeException;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UidValidity;

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

    /**
     * James's COPYUID code with {@code source} as its source, when its destination names as many UIDs; empty otherwise.
     * The two differ when another session expunged a message the view still holds, or delivered one the view has not
     * seen yet, and James copied what the store had (or nothing: a destination of {@code *}). RFC 4315 lets a server
     * leave COPYUID out, which is better than pairing the wrong messages.
     */
    static Optional<StatusResponse.ResponseCode> copyUid(List<IdRange> source, StatusResponse.ResponseCode james) {
        List<String> parameters = List.copyOf(james.getParameters());
        List<IdRange> destination = new ArrayList<>();
        try {
            for (String part : parameters.get(parameters.size() - 1).split(",")) {
                String[] bounds = part.split(":");
                destination.add(new IdRange(Long.parseLong(bounds[0]), Long.parseLong(bounds[bounds.length - 1])));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (source.isEmpty() || count(source) != count(destination)) {
            return Optional.empty();
        }
        return Optional.of(StatusResponse.ResponseCode.copyUid(UidValidity.of(james.getNumber()),
                source.toArray(IdRange[]::new), destination.toArray(IdRange[]::new)));
    }

    private static long count(List<IdRange> ranges) {
        long count = 0;
        for (IdRange range : ranges) {
            count += Math.abs(range.getHighVal() - range.getLowVal()) + 1;
        }
        return count;
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
