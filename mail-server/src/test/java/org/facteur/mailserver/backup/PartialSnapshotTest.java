package org.facteur.mailserver.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial snapshot directories: the ones a dead backup left are removed, the ones a live backup writes are not, in
 * this process or in another (Python's {@code fcntl.lockf} takes the same kind of lock as Java's {@code FileLock}).
 */
class PartialSnapshotTest {
    private static final Instant NOW = Instant.parse("2026-12-06T18:00:00Z");
    private static final String NAME = "facteur-20261206T175000Z";

    @TempDir
    Path backups;

    @Test
    void aPartialSnapshotWhoseWriterDiedIsRemovedWithItsLockFile() throws Exception {
        Path directory = leftByADeadBackup("1234");
        assertThat(lockableByAnotherProcess(backups.resolve(directory.getFileName() + ".lock"))).isTrue();

        assertThat(PartialSnapshot.removeAbandoned(backups, NOW)).containsExactly(directory);

        assertThat(backups).isEmptyDirectory();
    }

    @Test
    void aPartialSnapshotBeingWrittenInThisProcessIsLeftAlone() throws Exception {
        try (PartialSnapshot writing = PartialSnapshot.create(backups, NAME)) {
            Files.writeString(writing.directory().resolve("a"), "being copied");

            assertThat(PartialSnapshot.removeAbandoned(backups, NOW)).isEmpty();

            assertThat(writing.directory().resolve("a")).hasContent("being copied");
            assertThat(lockableByAnotherProcess(backups.resolve(writing.directory().getFileName() + ".lock")))
                    .as("the look did not release this process's lock").isFalse();
        }
        assertThat(backups).as("closing removes the lock file; the directory was the writer's to rename")
                .isDirectoryContaining(p -> p.getFileName().toString().startsWith(NAME + ".partial-")
                        && Files.isDirectory(p))
                .isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".lock"));
    }

    @Test
    void aPartialSnapshotLockedByAnotherLiveProcessIsLeftAloneUntilThatProcessDies() throws Exception {
        Path directory = leftByADeadBackup("5678");
        Path lockFile = backups.resolve(directory.getFileName() + ".lock");
        Process other = new ProcessBuilder("python3", "-c", """
                import fcntl, sys, time
                f = open(sys.argv[1], 'r+')
                fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                print('locked', flush=True)
                time.sleep(600)
                """, lockFile.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader said = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("locked");

            assertThat(PartialSnapshot.removeAbandoned(backups, NOW)).isEmpty();
            assertThat(directory.resolve("half")).hasContent("copied");
            assertThat(lockFile).isRegularFile();
        } finally {
            other.destroyForcibly();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(PartialSnapshot.removeAbandoned(backups, NOW)).as("its lock died with it").containsExactly(directory);
        assertThat(backups).isEmptyDirectory();
    }

    @Test
    void anUnlockedPartialSnapshotFromAnotherHostIsRemovedOnlyOnceItIsADayOld() throws Exception {
        // a directory shared over NFS or SMB may keep each host's locks to itself: a free lock proves nothing
        Path directory = leftBy("31", "host another-node\npid 4242\nlocked true\n");
        Files.setLastModifiedTime(directory, FileTime.from(NOW.minus(Duration.ofDays(3)))); // the lock file's age counts

        assertThat(PartialSnapshot.removeAbandoned(backups, NOW)).isEmpty();
        assertThat(directory.resolve("half")).hasContent("copied");

        assertThat(PartialSnapshot.removeAbandoned(backups, NOW.plus(Duration.ofDays(1)))).containsExactly(directory);
        assertThat(backups).isEmptyDirectory();
    }

    @Test
    void aPartialSnapshotWhoseWriterCouldNotLockIsRemovedOnlyOnceItIsADayOld() throws Exception {
        Path directory = leftBy("32", PartialSnapshot.Writer.here(false));

        assertThat(PartialSnapshot.removeAbandoned(backups, NOW)).isEmpty();

        assertThat(PartialSnapshot.removeAbandoned(backups, NOW.plus(Duration.ofDays(1)))).containsExactly(directory);
    }

    @Test
    void aLockFileThatSaysNothingUsableIsTrustedOnlyOnceADayOld() throws Exception {
        Path empty = leftBy("33", "");
        Path garbled = leftBy("34", "\u0000\u0001 host");

        assertThat(PartialSnapshot.removeAbandoned(backups, NOW)).isEmpty();

        assertThat(PartialSnapshot.removeAbandoned(backups, NOW.plus(Duration.ofDays(1))))
                .containsExactlyInAnyOrder(empty, garbled);
    }

    @Test
    void aWriterNoticesEvenAPartialRemoval() throws Exception {
        try (PartialSnapshot writing = PartialSnapshot.create(backups, NAME)) {
            Files.writeString(writing.directory().resolve("queued.mail"), "copied");
            Files.delete(writing.directory().resolve(".being-written")); // a cleaner's first step, then cut short

            assertThatThrownBy(writing::checkNotRemovedWhileWriting).isInstanceOf(SnapshotException.class);
        }
    }

    @Test
    void aWriterNoticesItsDirectoryWasRemovedWhileItWrote() throws Exception {
        try (PartialSnapshot writing = PartialSnapshot.create(backups, NAME)) {
            SnapshotWriter.deleteTree(writing.directory());
            Files.createDirectories(writing.directory()); // as copying the next file would make it again

            assertThatThrownBy(writing::checkNotRemovedWhileWriting).isInstanceOf(SnapshotException.class)
                    .hasMessageContaining("was removed while it was being written");
        }
        try (PartialSnapshot writing = PartialSnapshot.create(backups, NAME)) {
            writing.checkNotRemovedWhileWriting();

            assertThat(writing.directory()).as("the marker does not go into the snapshot").isEmptyDirectory();
        }
    }

    @Test
    void aPartialSnapshotWithoutALockFileIsRemovedOnlyOnceItIsADayOld() throws Exception {
        Path directory = Files.createDirectory(backups.resolve(NAME + ".partial-777"));
        Files.writeString(directory.resolve("half"), "copied");
        Files.setLastModifiedTime(directory, FileTime.from(NOW.minus(Duration.ofHours(23))));

        assertThat(PartialSnapshot.removeAbandoned(backups, NOW)).isEmpty();
        assertThat(directory.resolve("half")).hasContent("copied");

        assertThat(PartialSnapshot.removeAbandoned(backups, NOW.plus(Duration.ofHours(2)))).containsExactly(directory);
        assertThat(backups).isEmptyDirectory();
    }

    @Test
    void aHiddenLockFileABackupKilledWhileItBeganLeftIsRemovedOnceADayOld() throws Exception {
        Path old = Files.writeString(backups.resolve("." + NAME + ".partial-123456.locking"), "");
        Path recent = Files.writeString(backups.resolve("." + NAME + ".partial-654321.locking"), "");
        Path otherHidden = Files.writeString(backups.resolve(".restic.partial-1.locking"), "");
        Files.setLastModifiedTime(old, FileTime.from(NOW.minus(Duration.ofHours(25))));
        Files.setLastModifiedTime(recent, FileTime.from(NOW.minus(Duration.ofHours(23))));
        Files.setLastModifiedTime(otherHidden, FileTime.from(NOW.minus(Duration.ofDays(30))));

        assertThat(PartialSnapshot.removeAbandoned(backups, NOW)).as("no directory was removed").isEmpty();

        try (Stream<Path> left = Files.list(backups)) {
            assertThat(left).containsExactlyInAnyOrder(recent, otherHidden);
        }
    }

    @Test
    void nothingElseInTheBackupDirectoryIsTouched() throws Exception {
        Path snapshot = Files.createDirectories(backups.resolve(NAME));
        Files.writeString(snapshot.resolve(Manifest.FILE), "");
        Path notes = Files.createDirectory(backups.resolve("notes.partial-1"));
        Path lookalike = Files.writeString(backups.resolve(NAME + ".partial-"), "not a partial snapshot");
        Path unrelatedLock = Files.writeString(backups.resolve("restic.partial-2.lock"), "");
        ageEverything();

        assertThat(PartialSnapshot.removeAbandoned(backups, NOW)).isEmpty();

        try (Stream<Path> left = Files.list(backups)) {
            assertThat(left).containsExactlyInAnyOrder(snapshot, notes, lookalike, unrelatedLock);
        }
    }

    /** Whether another process could lock the file now (it lets go of it at once). */
    private static boolean lockableByAnotherProcess(Path file) throws Exception {
        Process other = new ProcessBuilder("python3", "-c", """
                import fcntl, sys
                f = open(sys.argv[1], 'r+')
                try:
                    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    print('free')
                except OSError:
                    print('busy')
                """, file.toString()).redirectErrorStream(true).start();
        String said = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(said).isIn("free", "busy");
        return said.equals("free");
    }

    /** What a backup of this host killed with {@code kill -9} leaves: its directory, half written, and its lock file. */
    private Path leftByADeadBackup(String suffix) throws Exception {
        return leftBy(suffix, PartialSnapshot.Writer.here(true));
    }

    private Path leftBy(String suffix, String lockFileText) throws Exception {
        Path directory = Files.createDirectory(backups.resolve(NAME + ".partial-" + suffix));
        Files.writeString(directory.resolve("half"), "copied");
        Files.writeString(backups.resolve(directory.getFileName() + ".lock"), lockFileText);
        ageEverything();
        return directory;
    }

    private void ageEverything() throws Exception {
        try (Stream<Path> entries = Files.list(backups)) {
            for (Path p : entries.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(NOW.minus(Duration.ofHours(1))));
            }
        }
    }
}
