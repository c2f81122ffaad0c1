package org.facteur.app.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.backup.Retention;
import org.facteur.mailserver.backup.SnapshotCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes a snapshot by itself at the times of {@code FACTEUR_BACKUP_SCHEDULE} (server's zone), into the backup
 * directory with the default retention. A failure is logged, shown in {@code /health} and {@code /metrics}, and mailed
 * to the postmaster; the next scheduled backup is still taken.
 */
public final class ScheduledBackups implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledBackups.class);
    /** For the thread to log and end once its snapshot has (killing restic is quick); after the mail server's wait. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(5);

    private final BackupSchedule schedule;
    private final BackupService backups;
    private final MailServerLifecycle mail;
    private final Path directory;
    private final Clock clock;
    private volatile ScheduledExecutorService executor;

    public ScheduledBackups(BackupSchedule schedule, BackupService backups, MailServerLifecycle mail, Path directory, Clock clock) {
        this.schedule = schedule;
        this.backups = backups;
        this.mail = mail;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (schedule.never()) {
            LOG.info("No scheduled backups (FACTEUR_BACKUP_SCHEDULE is empty); './facteur backup' takes one by hand");
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("scheduled-backup").daemon().factory());
        executor = started;
        scheduleNext(started);
    }

    private void scheduleNext(ScheduledExecutorService on) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        Duration delay = schedule.delayAfter(now).orElseThrow();
        LOG.info("Next backup at {} into {}", now.plus(delay).withNano(0), directory);
        on.schedule(() -> runAndReschedule(on), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Runs on {@code on}'s thread; {@link #stop()} may clear {@link #executor} meanwhile, so it is passed along. */
    private void runAndReschedule(ScheduledExecutorService on) {
        try {
            FacteurMailServer server = mail.server().orElseThrow(() -> new IllegalStateException("the mail server is not running"));
            try {
                BackupService.Outcome done = backups.run(server, directory, new Retention(Retention.DEFAULT_DAILY, Retention.DEFAULT_WEEKLY));
                LOG.info("Scheduled backup written and verified: {} ({} files, {} bytes, {} ms); {} old snapshots removed",
                        done.snapshot().path(), done.snapshot().files(), done.snapshot().bytes(), done.snapshot().took().toMillis(),
                        done.removed().size());
                done.offsite().filter(copy -> !copy.copied()).ifPresent(copy -> report(server,
                        "The scheduled backup " + done.snapshot().path() + " was written and verified, but its off-site copy failed:\n\n"
                                + copy.detail()));
            } catch (SnapshotCancelledException e) {
                LOG.info("Scheduled backup: {}", e.getMessage());
            } catch (Exception e) {
                report(server, "The scheduled backup into " + directory + " failed and nothing was kept:\n\n" + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("Scheduled backup not taken: {}", e.getMessage());
        } finally {
            if (!on.isShutdown()) {
                scheduleNext(on);
            }
        }
    }

    private void report(FacteurMailServer server, String text) {
        LOG.error(text.replace("\n\n", " "));
        try {
            server.mailPostmaster("Facteur backup failed on " + server.settings().hostname(), text
                    + "\n\nThe last good snapshot and the next attempt are shown at /health (\"backup\"). "
                    + "Take one by hand with './facteur backup' once the cause is fixed.\n");
        } catch (Exception e) {
            LOG.error("Could not mail the postmaster about the failed backup: {}", e.getMessage());
        }
    }

    /**
     * Cancels a backup being taken (it gives up between two files and removes its partial directory) and waits for
     * it to end, so that it neither outlives the store nor reports its cancellation as a failure.
     */
    @Override
    public void stop() {
        ScheduledExecutorService e = executor;
        executor = null;
        if (e != null) {
            e.shutdownNow(); // interrupts a snapshot or an off-site copy under way
            backups.cancelCopies();
            mail.server().ifPresent(FacteurMailServer::cancelBackups); // waits for the snapshot (the stop's one wait)
            boolean interrupted = Thread.interrupted(); // a stop on an interrupted thread still waits
            try {
                if (!e.awaitTermination(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("The scheduled backup had not ended {} s after it was cancelled", CANCEL_WAIT.toSeconds());
                }
            } catch (InterruptedException again) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** After the mail server and the metrics listener. */
    @Override
    public int getPhase() {
        return MailServerLifecycle.PHASE + 2;
    }
}
