package org.facteur.mailserver.store.mailbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.facteur.mailserver.store.sql.Jdbc;

/**
 * The statements on a mailbox row that order every change to its messages. Each transaction that changes a
 * mailbox's messages first updates its row (allocation or {@link #lock}), so that concurrent writers, on this node
 * or another, take turns per mailbox and counters computed from the rows they read stay exact.
 */
final class MailboxRows {
    private MailboxRows() {
    }

    /** UIDs and a mod-seq taken for {@code count} new messages: {@code firstUid … firstUid + count - 1}. */
    record Allocation(long firstUid, long modSeq) {
    }

    /**
     * Takes {@code count} UIDs and one mod-seq and applies the counter change, in one statement whose row lock
     * orders deliveries into this mailbox. Empty when there is no such mailbox.
     */
    static Optional<Allocation> allocate(Connection c, long mailboxId, int count, Counts delta) throws SQLException {
        return Jdbc.one(c, "UPDATE mailbox SET last_uid = last_uid + ?, highest_modseq = highest_modseq + 1, "
                        + "messages = messages + ?, unseen = unseen + ?, recent = recent + ?, deleted = deleted + ?, size = size + ? "
                        + "WHERE id = ? RETURNING last_uid, highest_modseq",
                rs -> new Allocation(rs.getLong(1) - count + 1, rs.getLong(2)),
                (long) count, delta.messages(), delta.unseen(), delta.recent(), delta.deleted(), delta.size(), mailboxId);
    }

    /** The mailbox's recent counter (0 for a mailbox that is gone): what SELECT and the take of \Recent ask first. */
    static long recent(Connection c, long mailboxId) throws SQLException {
        return Jdbc.one(c, "SELECT recent FROM mailbox WHERE id = ?", rs -> rs.getLong(1), mailboxId).orElse(0L);
    }

    /** Locks the row (writers of this mailbox wait for this transaction) and returns its highest mod-seq. */
    static Optional<Long> lock(Connection c, long mailboxId) throws SQLException {
        return Jdbc.one(c, "UPDATE mailbox SET highest_modseq = highest_modseq WHERE id = ? RETURNING highest_modseq",
                rs -> rs.getLong(1), mailboxId);
    }

    /** Applies a counter change and, when {@code modSeq} is given, records it as the highest mod-seq. */
    static void change(Connection c, long mailboxId, Counts delta, Long modSeq) throws SQLException {
        if (delta.isZero() && modSeq == null) {
            return;
        }
        if (modSeq == null) {
            Jdbc.update(c, "UPDATE mailbox SET messages = messages + ?, unseen = unseen + ?, recent = recent + ?, "
                            + "deleted = deleted + ?, size = size + ? WHERE id = ?",
                    delta.messages(), delta.unseen(), delta.recent(), delta.deleted(), delta.size(), mailboxId);
        } else {
            Jdbc.update(c, "UPDATE mailbox SET messages = messages + ?, unseen = unseen + ?, recent = recent + ?, "
                            + "deleted = deleted + ?, size = size + ?, highest_modseq = ? WHERE id = ?",
                    delta.messages(), delta.unseen(), delta.recent(), delta.deleted(), delta.size(), modSeq, mailboxId);
        }
    }

    /** Raises last_uid and highest_modseq to at least these values (a message stored with a UID chosen elsewhere). */
    static void atLeast(Connection c, long mailboxId, long uid, long modSeq) throws SQLException {
        Jdbc.update(c, "UPDATE mailbox SET last_uid = CASE WHEN last_uid < ? THEN ? ELSE last_uid END, "
                + "highest_modseq = CASE WHEN highest_modseq < ? THEN ? ELSE highest_modseq END WHERE id = ?",
                uid, uid, modSeq, modSeq, mailboxId);
    }
}
