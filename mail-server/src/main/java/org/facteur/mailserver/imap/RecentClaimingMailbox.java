package org.facteur.mailserver.imap;

import java.util.Collection;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.events.EventListener;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.NullableMessageSequenceNumber;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.facteur.mailserver.store.mailbox.RecentClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * A session's view of its selected mailbox that marks a message recent only when this session takes the message's
 * \Recent in the store ({@link RecentClaims}): what James's view does on its own events, through
 * {@link RecentClaimingSession}. SELECT's own recent messages (cleared for this session by the SELECT) and APPEND's
 * reach the view directly and are not asked about.
 */
final class RecentClaimingMailbox implements SelectedMailbox {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecentClaimingMailbox.class);

    private final SelectedMailbox view;
    private final RecentClaims claims;
    private Boolean anyRecent;

    /** One for each event James's view handles ({@link RecentClaimingSession#getSelected()} makes it). */
    RecentClaimingMailbox(SelectedMailbox view, RecentClaims claims) {
        this.view = view;
        this.claims = claims;
    }

    @Override
    public boolean addRecent(MessageUid uid) {
        try {
            if (anyRecent == null) {
                // Once per event: after another session's SELECT cleared \Recent (an event naming every message it
                // cleared) nothing is left to take, and one read of the counter says so.
                anyRecent = claims.anyRecent(view.getMailboxId());
            }
            return anyRecent && claims.claim(view.getMailboxId(), uid) && view.addRecent(uid);
        } catch (MailboxException e) {
            // The message stays recent in the store: the next SELECT of the mailbox takes it.
            LOGGER.warn("Could not take \\Recent of message {} in mailbox {}: {}", uid.asLong(), view.getMailboxId(), e.getMessage());
            return false;
        }
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
