package org.facteur.mailserver.store.mailbox;

import javax.inject.Inject;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxId;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;

/**
 * Hands a message's \Recent to one IMAP session (RFC 3501 §2.3.2: recent in the first session notified of it, in no
 * other). The session that takes it clears it in the store, so every other session, on this node or another, and every
 * later SELECT find it taken. James 3.8.1 marked a new message recent in every session that had its mailbox selected
 * (Dovecot's imaptest stress: "Message UID=… has \Recent flag in multiple sessions").
 *
 * <p>Taking it changes no mod-seq and sends no event: for the other sessions the message was never recent. The
 * mailbox row is locked first, as every writer of the mailbox does, and its recent counter follows in the same
 * transaction.
 */
public final class RecentClaims {
    private final Database database;

    @Inject
    public RecentClaims(Database database) {
        this.database = database;
    }

    /** Takes the message's \Recent for the caller: true for exactly one caller while it is recent, false afterwards. */
    public boolean claim(MailboxId mailbox, MessageUid uid) throws MailboxException {
        long mailboxId = SqlMailboxId.raw(mailbox);
        if (!isRecent(mailboxId, uid)) {
            return false; // the common answer (another session took it, or a SELECT cleared it) needs no write
        }
        return MailboxStorage.write(database, c -> {
            if (MailboxRows.lock(c, mailboxId).isEmpty()) {
                return false;
            }
            boolean taken = Jdbc.update(c, "UPDATE mailbox_message SET is_recent = FALSE "
                    + "WHERE mailbox_id = ? AND uid = ? AND is_recent = TRUE", mailboxId, uid.asLong()) == 1;
            if (taken) {
                Jdbc.update(c, "UPDATE mailbox SET recent = recent - 1 WHERE id = ?", mailboxId);
            }
            return taken;
        });
    }

    /** Whether the mailbox holds a recent message at all: its row's counter, one read. */
    public boolean anyRecent(MailboxId mailbox) throws MailboxException {
        return MailboxStorage.read(database, c -> MailboxRows.recent(c, SqlMailboxId.raw(mailbox))) > 0;
    }

    private boolean isRecent(long mailboxId, MessageUid uid) throws MailboxException {
        return MailboxStorage.read(database, c -> Jdbc.one(c,
                "SELECT is_recent FROM mailbox_message WHERE mailbox_id = ? AND uid = ?",
                rs -> rs.getBoolean(1), mailboxId, uid.asLong())).orElse(false);
    }
}
