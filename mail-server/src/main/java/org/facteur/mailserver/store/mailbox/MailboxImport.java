package org.facteur.mailserver.store.mailbox;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import javax.mail.Flags;

import org.apache.james.mailbox.store.mail.model.Property;
import org.facteur.mailserver.store.blob.BlobId;
import org.facteur.mailserver.store.blob.BlobStore;
import org.facteur.mailserver.store.sql.Jdbc;

/**
 * Writes mailboxes and messages whose identity was decided elsewhere (another store being migrated): the
 * mailbox keeps its UIDVALIDITY, each message its UID, mod-seq, flags and keywords, and the mailbox its last
 * UID and highest mod-seq, so that IMAP clients find their caches still valid. Everything runs in the
 * caller's transaction; bodies go to the blob store first ({@link BlobStore#save} is durable when it
 * returns, and a database blob store joins the transaction), so a committed row never points at a missing
 * body. The counters STATUS and quotas read are computed from the imported rows in {@link #finish}.
 */
public final class MailboxImport {
    private final BlobStore blobs;

    public MailboxImport(BlobStore blobs) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    /** A message as the other store kept it; {@code content} is the whole RFC 5322 message. */
    public record ImportedMessage(long uid, long modSeq, Instant internalDate, Flags flags, byte[] content,
                                  int bodyStart, Long textualLineCount, List<Property> properties) {
        public ImportedMessage {
            if (uid < 1) {
                throw new IllegalArgumentException("UIDs start at 1: " + uid);
            }
            if (bodyStart < 0 || bodyStart > content.length) {
                throw new IllegalArgumentException("body start " + bodyStart + " outside a message of " + content.length + " bytes");
            }
            properties = List.copyOf(properties);
        }
    }

    /** Creates the mailbox with the UIDVALIDITY its clients know; returns its id in this store. */
    public long createMailbox(Connection c, String namespace, String user, String name, long uidValidity) throws SQLException {
        return Jdbc.one(c, "INSERT INTO mailbox (namespace, user_name, name, uid_validity) VALUES (?, ?, ?, ?) RETURNING id",
                rs -> rs.getLong(1), namespace, user == null ? "" : user, name, uidValidity).orElseThrow();
    }

    /** Stores one message under its own UID and mod-seq; returns the blob its content went to. */
    public BlobId add(Connection c, long mailboxId, ImportedMessage message) throws SQLException, IOException {
        BlobId blob = saveBody(message);
        add(c, mailboxId, message, blob);
        return blob;
    }

    /**
     * Saves the body of a message about to be {@link #add(Connection, long, ImportedMessage, BlobId) added}: durable
     * when it returns. A file blob store may be called from several threads at once (the fsyncs overlap); a
     * database blob store only from the thread of the transaction, which it joins.
     */
    public BlobId saveBody(ImportedMessage message) throws IOException {
        return blobs.save(message.content());
    }

    /** Whether {@link #saveBody} must run on the transaction's thread (the bodies go to a table of the same database). */
    public boolean bodiesInTransaction() {
        return blobs.savesInCallersTransaction();
    }

    /** Stores the rows of a message whose body {@link #saveBody} saved as {@code blob}. */
    public void add(Connection c, long mailboxId, ImportedMessage message, BlobId blob) throws SQLException {
        Jdbc.update(c, "DELETE FROM blob_orphan WHERE blob_id = ?", blob.sha256());
        SqlMessageId id = new SqlMessageId.Factory().generate();
        Jdbc.update(c, "INSERT INTO message (id, blob_id, refs, size, body_start, internal_date, thread_id, text_line_count, properties) "
                        + "VALUES (?, ?, 1, ?, ?, ?, NULL, ?, ?)",
                id.serialize(), blob.sha256(), (long) message.content().length, message.bodyStart(), message.internalDate(),
                message.textualLineCount(), MessageRows.json(message.properties()));
        MessageRows.insertHeader(c, id.serialize(), MessageRows.header(message.content(), message.bodyStart()));
        MessageRows.insertMember(c, mailboxId, message.uid(), id, message.modSeq(), message.internalDate(), message.flags());
    }

    /**
     * Sets the mailbox's last UID and highest mod-seq (at least those of its messages: a client may have seen UIDs
     * of messages expunged since) and computes its counters from its rows.
     */
    public void finish(Connection c, long mailboxId, long lastUid, long highestModSeq) throws SQLException {
        long[] highest = Jdbc.one(c, "SELECT COALESCE(MAX(uid), 0), COALESCE(MAX(modseq), 0) FROM mailbox_message WHERE mailbox_id = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, mailboxId).orElseThrow();
        Jdbc.update(c, "UPDATE mailbox SET last_uid = ?, highest_modseq = ?, "
                        + "messages = (SELECT COUNT(*) FROM mailbox_message WHERE mailbox_id = ?), "
                        + "unseen = (SELECT COUNT(*) FROM mailbox_message WHERE mailbox_id = ? AND NOT is_seen), "
                        + "recent = (SELECT COUNT(*) FROM mailbox_message WHERE mailbox_id = ? AND is_recent), "
                        + "deleted = (SELECT COUNT(*) FROM mailbox_message WHERE mailbox_id = ? AND is_deleted), "
                        + "size = (SELECT COALESCE(SUM(m.size), 0) FROM mailbox_message mm JOIN message m ON m.id = mm.message_id WHERE mm.mailbox_id = ?) "
                        + "WHERE id = ?",
                Math.max(lastUid, highest[0]), Math.max(highestModSeq, highest[1]),
                mailboxId, mailboxId, mailboxId, mailboxId, mailboxId, mailboxId);
    }
}
