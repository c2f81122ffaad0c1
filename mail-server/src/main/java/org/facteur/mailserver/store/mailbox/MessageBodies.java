package org.facteur.mailserver.store.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.facteur.mailserver.store.blob.BlobId;
import org.facteur.mailserver.store.blob.BlobStore;
import org.facteur.mailserver.store.sql.Jdbc;

/**
 * Where the mailbox store puts message content, and how a blob stays alive while messages come and go.
 * <ul>
 *   <li>{@link #prepare} runs before the delivery's transaction: a file store writes and fsyncs the body there,
 *       outside the database's locks; a database store only computes the id.</li>
 *   <li>{@link #claim} runs inside it: it withdraws the blob from the orphan candidates (this waits for a
 *       collector that is deleting it right now), then makes sure the body is there, saving it again if the
 *       collector got to it first. A database store saves the body here, in the same commit.</li>
 *   <li>{@link #release} runs in the transaction that deletes a message's last reference: the blob becomes a
 *       candidate for the collector, never deleted inline (an identical delivery may be about to use it).</li>
 * </ul>
 */
final class MessageBodies {
    private final BlobStore blobs;

    MessageBodies(BlobStore blobs) {
        this.blobs = blobs;
    }

    BlobStore store() {
        return blobs;
    }

    /**
     * The whole content of a message about to be stored, with its blob id (and, for a file store, the file), and the
     * copy of its header section and its envelope to keep beside it (null when none is kept): all worked out before
     * the transaction, which then only writes.
     */
    record Prepared(BlobId id, byte[] content, byte[] header, byte[] envelope) {
        private static Prepared of(BlobId id, byte[] content, int bodyStart) {
            byte[] header = MessageRows.header(content, bodyStart);
            return new Prepared(id, content, header, StoredEnvelopes.of(header));
        }
    }

    Prepared prepare(MailboxMessage message) throws MailboxException {
        byte[] content;
        try (InputStream in = message.getFullContent()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new MailboxException("Cannot read the message to store it", e);
        }
        int bodyStart = (int) (message.getFullContentOctets() - message.getBodyOctets());
        if (blobs.savesInCallersTransaction()) {
            return Prepared.of(BlobId.of(content), content, bodyStart);
        }
        try {
            return Prepared.of(blobs.save(content), content, bodyStart);
        } catch (IOException e) {
            throw new MailboxException("Cannot store the message body", e);
        }
    }

    void claim(Connection c, Prepared body) throws SQLException {
        Jdbc.update(c, "DELETE FROM blob_orphan WHERE blob_id = ?", body.id().sha256());
        try {
            if (blobs.savesInCallersTransaction() || !blobs.exists(body.id())) {
                blobs.save(body.content());
            }
        } catch (IOException e) {
            throw new SQLException("Cannot store the message body " + body.id(), e);
        }
    }

    static void release(Connection c, String blobId, Instant now) throws SQLException {
        Jdbc.update(c, "INSERT INTO blob_orphan (blob_id, since) VALUES (?, ?) ON CONFLICT (blob_id) DO UPDATE SET since = excluded.since",
                blobId, now);
    }
}
