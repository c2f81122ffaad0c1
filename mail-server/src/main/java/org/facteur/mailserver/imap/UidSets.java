package org.facteur.mailserver.imap;

import java.util.Optional;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;

/**
 * UID sets as RFC 3501 §6.4.8 and RFC 9051 §6.4.9 read them: a UID that names no message is ignored without
 * an error, so {@code UID FETCH 1:*} in an empty mailbox answers OK with nothing (mbsync, offlineimap and the
 * webmail do it on every new folder). James 3.8.1 answers {@code BAD Invalid messageset} there.
 */
final class UidSets {
    /** A range no message can be in: the highest UID, which no mailbox ever reaches. */
    private static final MessageRange NOTHING = MessageRange.one(MessageUid.MAX_VALUE);

    private UidSets() {
    }

    /** James's range for {@code range}, or, for a UID set in an empty mailbox, a range that matches nothing. */
    static Optional<MessageRange> orNothing(Optional<MessageRange> james, boolean useUids) {
        if (james.isPresent() || !useUids) {
            return james;
        }
        return Optional.of(NOTHING);
    }
}
