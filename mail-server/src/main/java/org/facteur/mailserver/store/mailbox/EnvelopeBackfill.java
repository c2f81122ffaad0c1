package org.facteur.mailserver.store.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the envelopes of the messages stored before envelopes were kept ({@link StoredEnvelopes}; column added on
 * 2026-12-05), once, in the background after start, {@link #BATCH} messages per transaction, so that an upgraded
 * store's FETCH ENVELOPE gets faster too. Until it is done those messages' envelopes are built on FETCH, as before.
 * Goes once through the header copies in id order: a message whose envelope cannot be kept is left as it was.
 */
public final class EnvelopeBackfill implements org.apache.james.lifecycle.api.Startable {
    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeBackfill.class);
    static final int BATCH = 200;

    private final Database database;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "envelope-backfill");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public EnvelopeBackfill(Database database) {
        this.database = database;
    }

    /** Starts the one pass in the background. */
    public void start() {
        thread.execute(() -> {
            try {
                int kept = run();
                if (kept > 0) {
                    LOG.info("Kept the IMAP envelopes of {} messages stored before envelopes were kept", kept);
                }
            } catch (RuntimeException e) {
                LOG.warn("Keeping the envelopes of older messages stopped; their FETCH builds them as before", e);
            }
        });
    }

    /** The one pass, on the caller's thread; how many envelopes it kept. Stops early when the thread is interrupted. */
    int run() {
        int kept = 0;
        String after = "";
        while (!Thread.currentThread().isInterrupted()) {
            String from = after;
            List<HeaderRow> rows = database.read(c -> Jdbc.list(c, "SELECT message_id, header FROM message_header "
                    + "WHERE envelope IS NULL AND message_id > ? ORDER BY message_id LIMIT ?",
                    rs -> new HeaderRow(rs.getString(1), rs.getBytes(2)), from, BATCH));
            if (rows.isEmpty()) {
                return kept;
            }
            List<Object[]> updates = new ArrayList<>();
            for (HeaderRow row : rows) {
                byte[] envelope = StoredEnvelopes.of(row.header());
                if (envelope != null) {
                    updates.add(new Object[] {envelope, row.messageId()});
                }
            }
            kept += database.inTransaction(c -> {
                int n = 0;
                for (Object[] update : updates) {
                    n += Jdbc.update(c, "UPDATE message_header SET envelope = ? WHERE message_id = ? AND envelope IS NULL", update);
                }
                return n;
            });
            after = rows.get(rows.size() - 1).messageId();
        }
        return kept;
    }

    private record HeaderRow(String messageId, byte[] header) {
    }

    @PreDestroy
    public void stop() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
