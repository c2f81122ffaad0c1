package org.facteur.mailserver.store.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;

import org.facteur.mailserver.store.blob.BlobId;
import org.facteur.mailserver.store.blob.BlobStore;
import org.facteur.mailserver.store.blob.FileBlobStore;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes message bodies that no message refers to any more. When a message's last copy goes, its blob becomes a
 * candidate ({@code blob_orphan}, written in the same transaction); once a candidate is older than the grace period
 * and still unreferenced, it is deleted. Each deletion is one transaction that first takes the candidate row: a
 * delivery of identical bytes withdraws that same row before it refers to the blob, so the two take turns and the
 * delivery saves the body again if the collector deleted it first (see {@link MessageBodies}).
 */
public final class OrphanBlobCollector implements AutoCloseable, org.apache.james.lifecycle.api.Startable {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanBlobCollector.class);
    private static final int BATCH = 500;

    private final Database database;
    private final BlobStore blobs;
    private final Duration grace;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "orphan-blob-collector");
        t.setDaemon(true);
        return t;
    });

    public OrphanBlobCollector(Database database, BlobStore blobs, Duration grace, Clock clock) {
        this.database = database;
        this.blobs = blobs;
        this.grace = grace;
        this.clock = clock;
    }

    /** Collects now and then every {@code period}. */
    public void start(Duration period) {
        scheduler.scheduleWithFixedDelay(this::collectQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deletes every candidate older than the grace period that nothing refers to; returns how many blobs went. */
    public int collect() {
        Instant before = clock.instant().minus(grace);
        int deleted = 0;
        List<String> candidates;
        do {
            candidates = database.read(c -> Jdbc.list(c, "SELECT blob_id FROM blob_orphan WHERE since < ? ORDER BY since LIMIT " + BATCH,
                    rs -> rs.getString(1), before));
            for (String id : candidates) {
                if (collect(id, before)) {
                    deleted++;
                }
            }
        } while (candidates.size() == BATCH);
        if (blobs instanceof FileBlobStore files) {
            try {
                files.removeAbandonedTempFiles(grace);
            } catch (IOException e) {
                LOG.warn("Could not remove abandoned temporary blob files: {}", e.getMessage());
            }
        }
        return deleted;
    }

    private boolean collect(String blobId, Instant before) {
        return database.inTransaction(c -> {
            if (Jdbc.update(c, "DELETE FROM blob_orphan WHERE blob_id = ? AND since < ?", blobId, before) == 0) {
                return false;
            }
            if (Jdbc.one(c, "SELECT 1 FROM message WHERE blob_id = ?", rs -> true, blobId).isPresent()) {
                return false;
            }
            try {
                blobs.delete(new BlobId(blobId));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        });
    }

    private void collectQuietly() {
        try {
            int deleted = collect();
            if (deleted > 0) {
                LOG.info("Deleted {} message bodies no message refers to any more", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("Collecting unreferenced message bodies failed; will try again", e);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
