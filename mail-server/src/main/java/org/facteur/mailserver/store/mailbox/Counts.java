package org.facteur.mailserver.store.mailbox;

import javax.mail.Flags;
import javax.mail.Flags.Flag;

/**
 * A change to the counters kept in a mailbox row (messages, unseen, recent, deleted, total size), applied by
 * delta in the transaction that changes the messages, so that STATUS, SELECT and quotas never count rows.
 */
record Counts(long messages, long unseen, long recent, long deleted, long size) {
    static final Counts NONE = new Counts(0, 0, 0, 0, 0);

    /** One message with these flags and this size. */
    static Counts of(Flags flags, long size) {
        return new Counts(1, flags.contains(Flag.SEEN) ? 0 : 1, flags.contains(Flag.RECENT) ? 1 : 0,
                flags.contains(Flag.DELETED) ? 1 : 0, size);
    }

    /** The change when one message's flags go from {@code before} to {@code after}. */
    static Counts flagChange(Flags before, Flags after) {
        Counts from = of(before, 0);
        Counts to = of(after, 0);
        return to.minus(from);
    }

    Counts plus(Counts o) {
        return new Counts(messages + o.messages, unseen + o.unseen, recent + o.recent, deleted + o.deleted, size + o.size);
    }

    Counts minus(Counts o) {
        return new Counts(messages - o.messages, unseen - o.unseen, recent - o.recent, deleted - o.deleted, size - o.size);
    }

    boolean isZero() {
        return equals(NONE);
    }
}
