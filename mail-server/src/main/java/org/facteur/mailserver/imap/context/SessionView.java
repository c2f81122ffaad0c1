package org.facteur.mailserver.imap.context;

import java.util.Collection;
import java.util.Optional;

import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MessageUid;

/**
 * Message numbers as the client sees them while James is taking expunged messages out of the session's view one by
 * one: a message number counts the messages still in the view below a UID, plus those already taken out (the client
 * has not been told of them yet) below it.
 */
final class SessionView {
    private final SelectedMailbox selected;

    SessionView(SelectedMailbox selected) {
        this.selected = selected;
    }

    /** The message number of {@code uid} before any of {@code takenOut} was announced expunged. */
    long numberBefore(MessageUid uid, Collection<MessageUid> takenOut) {
        long below = takenOut.stream().filter(gone -> gone.compareTo(uid) < 0).count();
        return inViewBelow(uid) + below + 1;
    }

    /** Whether James still holds {@code uid} in the session's view. */
    boolean holds(MessageUid uid) {
        return selected.msn(uid).asInt().isPresent();
    }

    /** How many messages of the view have a smaller UID: a binary search over message numbers. */
    long inViewBelow(MessageUid uid) {
        long low = 0;
        long high = selected.existsCount();
        while (low < high) {
            long middle = (low + high + 1) >>> 1;
            Optional<MessageUid> atMiddle = selected.uid((int) middle);
            if (atMiddle.isPresent() && atMiddle.get().compareTo(uid) < 0) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }
}
