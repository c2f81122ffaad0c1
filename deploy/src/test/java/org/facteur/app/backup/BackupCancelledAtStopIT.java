package org.facteur.app.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.facteur.app.FacteurProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop (SIGTERM) while {@code ./facteur backup} is copying a large data directory, on the packaged jar: the
 * backup is cancelled, the command says so, no partial snapshot stays, and the server stops. The same during the
 * off-site copy: restic (Debian's) is stopped, the verified snapshot stays. And a backup killed with the server
 * ({@code kill -9}) leaves its partial directory, which the next backup removes.
 */
class BackupCancelledAtStopIT {
    private static final int FILES = 30_000;

    @TempDir
    Path dir;

    @Test
    void aStopDuringABackupCancelsItAndTheCommandSaysWhy() throws Exception {
        Path backups = dir.resolve("backups");
        try (FacteurProcess facteur = new FacteurProcess(dir.resolve("data"), Map.of()).start()) {
            CompletableFuture<FacteurProcess.Result> backup = backupCopyingFiles(facteur, backups);

            assertThat(facteur.terminate(Duration.ofSeconds(60))).isIn(0, 143);

            FacteurProcess.Result said = backup.get(60, TimeUnit.SECONDS);
            assertThat(said.err()).contains("The backup was cancelled because Facteur is stopping; nothing was kept.");
            assertThat(said.exitCode()).isEqualTo(3);
            assertThat(backups).as("no partial snapshot left").isEmptyDirectory();
            assertThat(facteur.log()).contains("Cancelling the backup being taken").contains("Mail server stopped");
        }
    }

    @Test
    void aStopDuringTheOffSiteCopyKillsResticAndKeepsTheSnapshot() throws Exception {
        Path backups = dir.resolve("backups");
        Path repository = dir.resolve("restic-repository");
        Map<String, String> env = Map.of("FACTEUR_BACKUP_REPOSITORY", repository.toString(),
                "FACTEUR_BACKUP_PASSWORD", "a restic secret");
        try (FacteurProcess facteur = new FacteurProcess(dir.resolve("data"), env).start()) {
            fill(facteur.dataDir.resolve("var/filler"));
            CompletableFuture<FacteurProcess.Result> backup = backupInBackground(facteur, backups);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            ProcessHandle restic;
            while ((restic = resticBackup(facteur)) == null) {
                assertThat(backup).as("the backup is still being taken").isNotDone();
                assertThat(System.nanoTime()).as("restic started copying").isLessThan(deadline);
                Thread.sleep(5);
            }

            assertThat(facteur.terminate(Duration.ofSeconds(60))).isIn(0, 143);

            FacteurProcess.Result said = backup.get(60, TimeUnit.SECONDS);
            assertThat(said.err()).contains("The off-site copy was cancelled because Facteur is stopping; the snapshot ")
                    .contains("was written and verified, and stays.");
            assertThat(said.exitCode()).isEqualTo(3);
            assertThat(restic.isAlive()).as("restic stopped with Facteur").isFalse();
            try (Stream<Path> snapshots = Files.list(backups)) {
                List<Path> kept = snapshots.toList();
                assertThat(kept).hasSize(1);
                assertThat(kept.get(0).resolve("MANIFEST.sha256")).isRegularFile();
            }
            assertThat(facteur.log()).contains("Mail server stopped").doesNotContain("off-site copy failed");
        }
    }

    @Test
    void whatABackupKilledWithTheServerLeftIsRemovedByTheNextBackup() throws Exception {
        Path backups = dir.resolve("backups");
        try (FacteurProcess facteur = new FacteurProcess(dir.resolve("data"), Map.of()).start()) {
            CompletableFuture<FacteurProcess.Result> backup = backupCopyingFiles(facteur, backups);

            facteur.kill9();

            assertThat(backup.get(60, TimeUnit.SECONDS).exitCode()).as("the command lost its server").isNotZero();
            List<Path> left;
            try (Stream<Path> entries = Files.list(backups)) {
                left = entries.filter(Files::isDirectory).toList();
            }
            assertThat(left).hasSize(1);
            assertThat(left.get(0).getFileName().toString()).contains(".partial-");

            facteur.start();
            FacteurProcess.Result again = FacteurProcess.script(facteur.dataDir, Duration.ofSeconds(120),
                    "backup", "--to", backups.toString());

            assertThat(again.exitCode()).as(again.err()).isZero();
            try (Stream<Path> entries = Files.list(backups)) {
                List<Path> kept = entries.toList();
                assertThat(kept).as("the new snapshot only: no partial directory, no lock file").hasSize(1);
                assertThat(kept.get(0).getFileName().toString()).doesNotContain(".partial-");
                assertThat(kept.get(0).resolve("MANIFEST.sha256")).isRegularFile();
            }
            assertThat(facteur.log()).contains("Removed " + left.get(0) + ", left by a backup that did not finish");
        }
    }

    /** The restic process copying a snapshot for this Facteur, or null. */
    private static ProcessHandle resticBackup(FacteurProcess facteur) {
        return ProcessHandle.of(facteur.pid()).stream().flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().command().map(c -> c.endsWith("restic")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("backup")).orElse(false))
                .findFirst().orElse(null);
    }

    private static void fill(Path filler) throws Exception {
        Files.createDirectories(filler);
        for (int i = 0; i < FILES; i++) {
            Files.writeString(filler.resolve(String.format("f%05d", i)), "a file the backup copies " + i);
        }
    }

    /** Fills the data directory, starts {@code ./facteur backup} and returns once it is copying those files. */
    private static CompletableFuture<FacteurProcess.Result> backupCopyingFiles(FacteurProcess facteur, Path backups)
            throws Exception {
        fill(facteur.dataDir.resolve("var/filler"));
        CompletableFuture<FacteurProcess.Result> backup = backupInBackground(facteur, backups);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!copyingFiller(backups)) {
            assertThat(backup).as("the backup is still being taken").isNotDone();
            assertThat(System.nanoTime()).as("the backup reached the files").isLessThan(deadline);
            Thread.sleep(5);
        }
        return backup;
    }

    private static CompletableFuture<FacteurProcess.Result> backupInBackground(FacteurProcess facteur, Path backups) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return FacteurProcess.script(facteur.dataDir, Duration.ofSeconds(120), "backup", "--to", backups.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static boolean copyingFiller(Path backups) throws Exception {
        if (!Files.isDirectory(backups)) {
            return false;
        }
        try (Stream<Path> partials = Files.list(backups)) {
            return partials.anyMatch(p -> Files.isDirectory(p.resolve("var/filler")));
        }
    }
}
