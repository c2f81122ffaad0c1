package org.facteur.mailserver.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a running server's snapshots one at a time, and lets its stop cancel the one being taken: {@link #cancel}
 * interrupts it (the writer gives up between two files, or when {@code pg_dump} is killed, and removes its partial
 * directory), waits for it to end, and refuses any later one. Without it, a backup still running when the database
 * closed went on against a closed store, and its interrupted file channels silently skipped their fsyncs.
 */
public final class SnapshotTaker {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTaker.class);

    /** What takes one snapshot: {@link SnapshotWriter#take}, or in tests a stand-in that ignores interrupts. */
    @FunctionalInterface
    interface Writing {
        Snapshot take(Path into) throws IOException;
    }

    private final Writing writer;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final Object interrupting = new Object();
    private Thread taking;
    private boolean cancelled;
    private long deadline;
    private volatile boolean reportedLate;

    public SnapshotTaker(SnapshotWriter writer) {
        this((Writing) writer::take);
    }

    SnapshotTaker(Writing writer) {
        this.writer = writer;
    }

    /** Waits for a snapshot being taken to end, then takes one; throws {@link SnapshotCancelledException} once cancelled. */
    public Snapshot take(Path into) throws IOException {
        if (cancelled()) { // at once: not after a snapshot that outlasted the cancel's wait
            throw new SnapshotCancelledException();
        }
        try {
            oneAtATime.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotCancelledException();
        }
        try {
            synchronized (interrupting) {
                if (cancelled) {
                    throw new SnapshotCancelledException();
                }
                taking = Thread.currentThread();
            }
            try {
                return writer.take(into);
            } finally {
                synchronized (interrupting) {
                    taking = null;
                    if (cancelled) {
                        Thread.interrupted(); // cancel()'s interrupt was for this snapshot, not for the (pooled) thread
                    }
                }
            }
        } finally {
            oneAtATime.unlock();
        }
    }

    /** Whether {@link #cancel} was called: Facteur is stopping, and nothing more (an off-site copy) should start. */
    public boolean cancelled() {
        synchronized (interrupting) {
            return cancelled;
        }
    }

    /**
     * Cancels the snapshot being taken, if any, and every later one; returns once it has ended (its partial directory
     * removed) or when the wait the first call set is over, whichever is first: a stop that calls it at several
     * steps waits once. A {@code VACUUM INTO} under way is cut short too ({@link CancelOnInterrupt}); a snapshot that
     * still outlasts the wait (a disk that stopped answering) is left, and the wait's end logged. An interrupt of the
     * calling thread does not cut the wait short; it is kept.
     */
    public void cancel(Duration wait) {
        long remaining;
        synchronized (interrupting) {
            if (!cancelled) {
                cancelled = true;
                deadline = System.nanoTime() + wait.toNanos();
                if (taking != null) {
                    LOG.info("Cancelling the backup being taken: Facteur is stopping");
                    taking.interrupt();
                }
            }
            remaining = deadline - System.nanoTime();
        }
        boolean interrupted = Thread.interrupted();
        boolean ended = false;
        try {
            ended = oneAtATime.tryLock(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (ended) {
            oneAtATime.unlock();
        } else if (!reportedLate) {
            reportedLate = true;
            LOG.warn("A backup was still being written {} s after it was cancelled; stopping without it (a directory"
                    + " named *.partial-* may stay in the backup directory; the next backup into it removes it)", wait.toSeconds());
        }
    }
}
