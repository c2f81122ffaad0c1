package org.facteur.mailserver.imap;

import java.util.Collection;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.events.EventListener;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.NullableMessageSequenceNumber;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;

import reactor.core.publisher.Mono;

/**
 * A session's view of its selected mailbox that passes every call to another view: the base of the views that change
 * one part of James's ({@link RecentClaimingMailbox}, {@link KeptEventsMailbox}).
 */
abstract class ForwardingSelectedMailbox implements SelectedMailbox {
    final SelectedMailbox view;

    ForwardingSelectedMailbox(SelectedMailbox view) {
        this.view = view;
    }

    @Override
    public boolean addRecent(MessageUid uid) {
        return view.addRecent(uid);
    }

    @Override
    public Mono<Void> deselect() {
        return view.deselect();
    }

    @Override
    public void registerIdle(EventListener.ReactiveEventListener idle) {
        view.registerIdle(idle);
    }

    @Override
    public void unregisterIdle() {
        view.unregisterIdle();
    }

    @Override
    public NullableMessageSequenceNumber msn(MessageUid uid) {
        return view.msn(uid);
    }

    @Override
    public Optional<MessageUid> uid(int index) {
        return view.uid(index);
    }

    @Override
    public boolean removeRecent(MessageUid uid) {
        return view.removeRecent(uid);
    }

    @Override
    public Collection<MessageUid> getRecent() {
        return view.getRecent();
    }

    @Override
    public int recentCount() {
        return view.recentCount();
    }

    @Override
    public long existsCount() {
        return view.existsCount();
    }

    @Override
    public Mono<MailboxPath> getPathReactive() {
        return view.getPathReactive();
    }

    @Override
    public MailboxId getMailboxId() {
        return view.getMailboxId();
    }

    @Override
    public MessageManager getMessageManager() {
        return view.getMessageManager();
    }

    @Override
    public boolean isRecent(MessageUid uid) {
        return view.isRecent(uid);
    }

    @Override
    public boolean isDeletedByOtherSession() {
        return view.isDeletedByOtherSession();
    }

    @Override
    public boolean isSizeChanged() {
        return view.isSizeChanged();
    }

    @Override
    public boolean isRecentUidRemoved() {
        return view.isRecentUidRemoved();
    }

    @Override
    public void resetRecentUidRemoved() {
        view.resetRecentUidRemoved();
    }

    @Override
    public void resetEvents() {
        view.resetEvents();
    }

    @Override
    public Collection<MessageUid> expungedUids() {
        return view.expungedUids();
    }

    @Override
    public void resetExpungedUids() {
        view.resetExpungedUids();
    }

    @Override
    public NullableMessageSequenceNumber remove(MessageUid uid) {
        return view.remove(uid);
    }

    @Override
    public Collection<MessageUid> flagUpdateUids() {
        return view.flagUpdateUids();
    }

    @Override
    public Optional<MessageUid> getFirstUid() {
        return view.getFirstUid();
    }

    @Override
    public Optional<MessageUid> getLastUid() {
        return view.getLastUid();
    }

    @Override
    public Flags getApplicableFlags() {
        return view.getApplicableFlags();
    }

    @Override
    public boolean hasNewApplicableFlags() {
        return view.hasNewApplicableFlags();
    }

    @Override
    public void resetNewApplicableFlags() {
        view.resetNewApplicableFlags();
    }
}
