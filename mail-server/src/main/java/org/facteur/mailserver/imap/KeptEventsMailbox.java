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
 * next command: the flag changes and the expunges are taken out of the view when read, so each is reported once (an
 * EXISTS may come once more with the same count, which IMAP allows).
 *
 * <p>The view's event handler and its readers and resets hold the view's lock, so each step here takes it too, after
 * this object's own (never the other way round: nothing here may be called by the view's handler while it holds the
 * view's lock, which {@code addRecent} and {@code getMailboxId}, not synchronized here, are). A session's commands run
 * one at a time ({@code CommandSequencer}), but during IDLE James reports each event on that event's thread: each
 * step is atomic, and what one reader took out of the view no other reader sees again.
 */
final class KeptEventsMailbox extends ForwardingSelectedMailbox {
    private final Set<MessageUid> carriedFlags = new TreeSet<>();
    /** The applicable flags grew (a new keyword) and no FLAGS was written since. */
    private boolean newFlags;
    /** The mailbox grew (James's sign, kept when the view is emptied) and no command has reported it since. */
    private boolean grew;
    private final Set<MessageUid> carriedExpunged = new TreeSet<>();
    /** Taken out of the view since the last reset of the expunged: James writes an EXPUNGE or VANISHED for each. */
    private final Set<MessageUid> removed = new TreeSet<>();
    private volatile boolean deleted;

    KeptEventsMailbox(SelectedMailbox view) {
        super(view);
    }

    /** The view James made, under any {@link KeptEventsMailbox} around it. */
    static SelectedMailbox unwrapped(SelectedMailbox mailbox) {
        return mailbox instanceof KeptEventsMailbox kept ? kept.view : mailbox;
    }

    /**
     * The messages whose flags changed, taken out of the view as they are read (James then reads their flags from
     * the store): a change that comes after this read, even to one of them, is the next command's.
     */
    @Override
    public synchronized Collection<MessageUid> flagUpdateUids() {
        Set<MessageUid> all = new TreeSet<>(carriedFlags);
        carriedFlags.clear();
        synchronized (view) {
            all.addAll(view.flagUpdateUids());
            emptyView(); // James has no reset of the flag changes alone
        }
        return List.copyOf(all); // in UID order, as James's
    }

    /** Keeps the view's signs that its reset clears and nothing here reported yet, then resets it. */
    private void emptyView() {
        deleted |= view.isDeletedByOtherSession(); // a mailbox once deleted stays so
        newFlags |= view.hasNewApplicableFlags();
        grew |= view.isSizeChanged(); // James reads the flag changes first, before it asks whether to write EXISTS
        view.resetEvents();
    }

    @Override
    public synchronized boolean hasNewApplicableFlags() {
        return newFlags || view.hasNewApplicableFlags();
    }

    @Override
    public synchronized void resetNewApplicableFlags() {
        newFlags = false;
        view.resetNewApplicableFlags();
    }

    /**
     * "The mailbox grew", until the end of the command that reports it: James's sign, or the sign kept when the view
     * was emptied (every reset of the view goes through {@link #emptyView}, so the sign is never lost).
     */
    @Override
    public synchronized boolean isSizeChanged() {
        return grew || view.isSizeChanged();
    }

    @Override
    public synchronized NullableMessageSequenceNumber remove(MessageUid uid) {
        removed.add(uid); // James writes an EXPUNGE (or VANISHED) for each message it removes
        return view.remove(uid);
    }

    @Override
    public boolean isDeletedByOtherSession() {
        return deleted || view.isDeletedByOtherSession();
    }

    /** What the view learnt since this command read it is kept for the next one. */
    @Override
    public synchronized void resetEvents() {
        grew = false; // reported by this command
        synchronized (view) {
            carriedFlags.addAll(view.flagUpdateUids());
            emptyView();
        }
    }

    /**
     * Also read while James writes the EXPUNGEs (the REMOVEFROMs of live searches come before them), so what is
     * forgotten at the reset is what was taken out of the view ({@link #remove}), not what was last read.
     */
    @Override
    public synchronized Collection<MessageUid> expungedUids() {
        Set<MessageUid> all = new TreeSet<>(carriedExpunged);
        synchronized (view) {
            all.addAll(view.expungedUids());
        }
        return List.copyOf(all); // in UID order, as James's: EXPUNGEs are written in it
    }

    @Override
    public synchronized void resetExpungedUids() {
        synchronized (view) {
            carriedExpunged.addAll(view.expungedUids());
            view.resetExpungedUids();
        }
        carriedExpunged.removeAll(removed);
        removed.clear();
    }
}
