package org.facteur.mailserver.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where message bodies live, by content: files under the data directory on one machine, a table in
 * PostgreSQL when several nodes share the database. Every implementation passes the same contract suite.
 * <ul>
 *   <li>{@link #save} returns only once the bytes are durable (file: temp file, fsync, rename, directory
 *       fsync; database: written in the caller's transaction, or committed), so a message's metadata may be
 *       committed right after and never points at a missing body.</li>
 *   <li>Saving the same bytes twice gives the same id and keeps one copy.</li>
 *   <li>{@link #delete} is for the orphan collector: it is called only for blobs that no message refers to.</li>
 * </ul>
 */
public interface BlobStore {

    BlobId save(byte[] content) throws IOException;

    /** Streams the content in (for large messages); the whole stream is read and stored. */
    BlobId save(InputStream content) throws IOException;

    /** The content, or empty when there is no such blob. */
    Optional<InputStream> open(BlobId id) throws IOException;

    /** The whole content; {@link NoSuchBlobException} when there is no such blob. */
    byte[] read(BlobId id) throws IOException;

    boolean exists(BlobId id) throws IOException;

    /** Removes the blob if it exists (idempotent). */
    void delete(BlobId id) throws IOException;

    /**
     * Whether {@link #save} writes into the caller's database transaction (a table of the same database)
     * instead of storage of its own. Callers then save inside their transaction; otherwise before it, so that
     * the slow part (fsync) happens outside the database's locks.
     */
    default boolean savesInCallersTransaction() {
        return false;
    }
}
