package org.facteur.mailserver.imap;

import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.facteur.mailserver.store.mailbox.RecentClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's view of its selected mailbox that marks a message recent only when this session takes the message's
 * \Recent in the store ({@link RecentClaims}): what James's view does on its own events, through
 * {@link RecentClaimingSession}. SELECT's own recent messages (cleared for this session by the SELECT) and APPEND's
 * reach the view directly and are not asked about.
 */
final class RecentClaimingMailbox extends ForwardingSelectedMailbox {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecentClaimingMailbox.class);

    private final RecentClaims claims;
    private Boolean anyRecent;

    /** One for each event James's view handles ({@link RecentClaimingSession#getSelected()} makes it). */
    RecentClaimingMailbox(SelectedMailbox view, RecentClaims claims) {
        super(view);
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
}
