package org.facteur.app.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.backup.Retention;
import org.facteur.mailserver.backup.Snapshot;
import org.facteur.mailserver.backup.SnapshotCancelledException;

/**
 * One backup: a verified snapshot of the running server, the retention applied to its directory, then the off-site
 * copy when a restic repository is set (a failed copy is reported; the snapshot stays). The outcome is recorded in
 * {@link BackupStatus}. Used by {@code facteur backup} and by the schedule.
 */
public final class BackupService {
    private final BackupStatus status;
    private final ResticCopy offsite;
    private final Clock clock;
    private final Set<Thread> copying = new HashSet<>();
    private boolean copiesCancelled;

    public BackupService(BackupStatus status, ResticCopy offsite, Clock clock) {
        this.status = status;
        this.offsite = offsite;
        this.clock = clock;
    }

    /** What one backup did. {@code offsite} is empty when no repository is set. */
    public record Outcome(Snapshot snapshot, List<Path> removed, Optional<ResticCopy.Outcome> offsite) {
    }

    public Outcome run(FacteurMailServer server, Path to, Retention retention) throws IOException {
        Snapshot snapshot;
        List<Path> removed;
        try {
            snapshot = server.backup(to);
            removed = retention.apply(to);
        } catch (SnapshotCancelledException e) {
            throw e; // Facteur is stopping: not a failure, the last outcome stands
        } catch (IOException | RuntimeException e) {
            status.failed(clock.instant(), String.valueOf(e.getMessage()));
            throw e;
        }
        Optional<ResticCopy.Outcome> copied;
        try {
            copied = offsite.configured() ? Optional.of(copyUnlessStopping(server, snapshot)) : Optional.empty();
        } catch (SnapshotCancelledException e) {
            status.succeeded(clock.instant(), snapshot.path()); // the snapshot is good; only its copy was cut short
            throw e;
        }
        if (copied.isPresent() && !copied.get().copied()) {
            status.failed(clock.instant(), "the snapshot " + snapshot.path() + " was written, but its off-site copy failed: "
                    + copied.get().detail());
        } else {
            status.succeeded(clock.instant(), snapshot.path());
        }
        return new Outcome(snapshot, removed, copied);
    }

    /** The off-site copy, on a thread {@link #cancelCopies} can interrupt. */
    private ResticCopy.Outcome copyUnlessStopping(FacteurMailServer server, Snapshot snapshot) throws SnapshotCancelledException {
        synchronized (copying) {
            if (copiesCancelled || server.backupsCancelled()) {
                throw ResticCopy.cancelled(snapshot.path()); // the stop came as the snapshot was being renamed
            }
            copying.add(Thread.currentThread());
        }
        try {
            return offsite.copy(snapshot.path());
        } finally {
            synchronized (copying) {
                copying.remove(Thread.currentThread());
                if (copiesCancelled) {
                    Thread.interrupted(); // cancelCopies' interrupt was for this copy, not for the (pooled) thread
                }
            }
        }
    }

    /**
     * For a stop: interrupts the off-site copies under way (restic is stopped, each backup answers that its copy was
     * cancelled and its snapshot stays) and refuses later ones. Returns at once.
     */
    public void cancelCopies() {
        synchronized (copying) {
            copiesCancelled = true;
            copying.forEach(Thread::interrupt);
        }
    }
}
