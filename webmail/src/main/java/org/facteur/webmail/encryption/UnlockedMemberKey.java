package org.facteur.webmail.encryption;

import java.util.Optional;

import jakarta.servlet.http.HttpSession;

import org.facteur.pgp.UnlockedKey;
import org.facteur.webmail.imap.MailboxSession;

/**
 * The member's secret key, unlocked with her passphrase for this web session only. It is held by the node-local part
 * of her {@link MailboxSession}, which no session store ever writes (not to disk, not to the Redis that several nodes
 * share: on another node she gives her passphrase again), and is dropped when the session ends (logout, expiry,
 * invalidation all close the mailbox). The passphrase itself is not kept.
 */
public final class UnlockedMemberKey {
    private UnlockedMemberKey() {
    }

    /** The key unlocked in this session, if the member gave her passphrase. */
    public static Optional<UnlockedKey> of(HttpSession session) {
        return mailbox(session).flatMap(MailboxSession::unlockedKey);
    }

    static void keep(HttpSession session, UnlockedKey key) {
        mailbox(session).orElseThrow(() -> new IllegalStateException("no mailbox in this session")).keepUnlocked(key);
    }

    private static Optional<MailboxSession> mailbox(HttpSession session) {
        Object held = session == null ? null : session.getAttribute(MailboxSession.ATTRIBUTE);
        return held instanceof MailboxSession m ? Optional.of(m) : Optional.empty();
    }
}
