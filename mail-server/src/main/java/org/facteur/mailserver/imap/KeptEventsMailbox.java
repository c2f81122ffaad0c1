package org.facteur.mailserver.imap;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.NullableMessageSequenceNumber;

/**
 * The session's view of its selected mailbox (James's {@code SelectedMailboxImpl}) whose resets forget only what the
 * client was told. James 3.8.1 ends each command's unsolicited responses by clearing everything the view learnt from
 * other sessions' events: the messages whose flags changed (read before the flags were fetched), the expunged ones
 * (read before the EXPUNGEs were written) and "the mailbox grew" (read before EXISTS). An event that another session's
 * command dispatched in between was cleared unreported, so that session never heard of it: a flag change stayed
 * unknown to it until the message changed again (Dovecot's imaptest, checkpoint mode: "flags differ" between clients
 * after all of them ran CHECK), a message expunged elsewhere stayed in its sequence numbers, a new message had no
 * EXISTS until the next one came, a deleted mailbox was not noticed. Here what arrived in between is kept for the
 * next command; at worst a change is reported twice, which IMAP allows.
 *
 * <p>The view's event handler and its readers and resets hold the view's lock, so each step here takes it too.
 * James's unsolicited responses of one session run one command at a time ({@code CommandSequencer}); nothing here is
 * meant for two threads of one session at once.
 */
final class KeptEventsMailbox extends ForwardingSelectedMailbox {
    private final Set<MessageUid> carriedFlags = new TreeSet<>();
    private Set<MessageUid> toldFlags;
    private final Set<MessageUid> carriedExpunged = new TreeSet<>();
    private Set<MessageUid> toldExpunged;
    /** How many messages the client was told of; unknown (-1) until the first command after SELECT asks. */
    private long toldExists = -1;
    private volatile boolean deleted;

    KeptEventsMailbox(SelectedMailbox view) {
        super(view); // James fills the view after the session holds it: its count is not known yet
    }

    /** The view James made, under any {@link KeptEventsMailbox} around it. */
    static SelectedMailbox unwrapped(SelectedMailbox mailbox) {
        return mailbox instanceof KeptEventsMailbox kept ? kept.view : mailbox;
    }

    @Override
    public synchronized Collection<MessageUid> flagUpdateUids() {
        Set<MessageUid> all = new TreeSet<>(carriedFlags);
        synchronized (view) {
            all.addAll(view.flagUpdateUids());
        }
        toldFlags = all;
        return List.copyOf(all); // in UID order, as James's: EXPUNGEs are written in it
    }

    /**
     * Also "the mailbox grew" when it holds more messages than the client was last told of (James's own sign is
     * cleared by a reset that can come after the EXISTS was written and before that sign was read again).
     */
    @Override
    public synchronized boolean isSizeChanged() {
        long exists = view.existsCount();
        if (toldExists < 0) {
            toldExists = exists; // SELECT's own EXISTS; James's sign says whether one came since
        }
        boolean changed = view.isSizeChanged() || exists > toldExists;
        if (changed) {
            toldExists = exists; // James writes EXISTS with the count it reads next: as large or larger
        }
        return changed;
    }

    @Override
    public synchronized NullableMessageSequenceNumber remove(MessageUid uid) {
        NullableMessageSequenceNumber msn = view.remove(uid);
        if (msn.asInt().isPresent() && toldExists > 0) {
            toldExists--; // James writes an EXPUNGE (or VANISHED) for each message it removes
        }
        return msn;
    }

    @Override
    public boolean isDeletedByOtherSession() {
        return deleted || view.isDeletedByOtherSession();
    }

    @Override
    public synchronized void resetEvents() {
        synchronized (view) {
            carriedFlags.addAll(view.flagUpdateUids());
            deleted |= view.isDeletedByOtherSession(); // a mailbox once deleted stays so
            view.resetEvents();
        }
        if (toldFlags != null) {
            carriedFlags.removeAll(toldFlags);
            toldFlags = null;
        }
    }

    @Override
    public synchronized Collection<MessageUid> expungedUids() {
        Set<MessageUid> all = new TreeSet<>(carriedExpunged);
        synchronized (view) {
            all.addAll(view.expungedUids());
        }
        toldExpunged = all;
        return List.copyOf(all); // in UID order, as James's: EXPUNGEs are written in it
    }

    @Override
    public synchronized void resetExpungedUids() {
        synchronized (view) {
            carriedExpunged.addAll(view.expungedUids());
            view.resetExpungedUids();
        }
        if (toldExpunged != null) {
            carriedExpunged.removeAll(toldExpunged);
            toldExpunged = null;
        }
    }
}
