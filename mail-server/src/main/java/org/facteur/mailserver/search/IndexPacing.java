package org.facteur.mailserver.search;

/**
 * When the indexing thread takes the work queued for it. Indexing a message costs about a third of what delivering
 * it does (text extraction, trigrams, two language analyses, Lucene's merges), and during a burst of deliveries (a
 * list's fan-out, a backlog after an outage) it competes for the same cores. So, while mailboxes keep changing,
 * queued work waits until the changes pause for {@link #QUIET_MS}, and at most {@link #MAX_LAG_MS} after the oldest
 * queued work: then everything queued is indexed, even if the burst goes on. An IMAP text search never waits for
 * this: it asks the thread to catch up at once (and waits at most 2 s before reading what is still unindexed from the
 * store); "best matches", which read the index only, may miss up to 30 s of a burst's mail. A change on a quiet
 * server is taken at once, so single messages are indexed as soon as they arrive.
 *
 * <p>Times are in milliseconds of a monotonic clock. Only the indexing thread calls {@link #waitBeforeTaking}.
 */
final class IndexPacing {
    /** How long mailboxes must stay unchanged before deferred work is taken. */
    static final long QUIET_MS = 500;
    /** The longest queued work waits for a pause; then the whole queue is indexed. */
    static final long MAX_LAG_MS = 30_000;

    private volatile long lastChange = Long.MIN_VALUE / 2;
    private boolean catchingUp;

    /** A mailbox changed (a message added, expunged, a mailbox deleted). */
    void changed(long now) {
        lastChange = now;
    }

    /**
     * How long to wait before taking queued work, 0 to take it now.
     *
     * @param oldestQueuedAt when the oldest queued work was queued, {@code null} when nothing is queued
     * @param searchWaits    whether a search or a tool is waiting for the index
     */
    long waitBeforeTaking(long now, Long oldestQueuedAt, boolean searchWaits) {
        if (oldestQueuedAt == null) {
            catchingUp = false;
            return 0;
        }
        if (searchWaits || catchingUp) {
            return 0;
        }
        long lagLeft = oldestQueuedAt + MAX_LAG_MS - now;
        if (lagLeft <= 0) {
            catchingUp = true; // until the queue is empty
            return 0;
        }
        long quietLeft = lastChange + QUIET_MS - now;
        return quietLeft <= 0 ? 0 : Math.min(quietLeft, lagLeft);
    }
}
