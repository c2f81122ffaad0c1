package org.facteur.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.facteur.mailserver.backup.SnapshotCancelledException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's restic against a local repository directory: created at the first copy, refused with the wrong password. */
class ResticCopyTest {
    @TempDir
    Path dir;

    @Test
    void theFirstCopyCreatesTheRepositoryAndAWrongPasswordIsReported() throws Exception {
        Path snapshot = Files.createDirectories(dir.resolve("facteur-20261202T023138Z"));
        Files.writeString(snapshot.resolve("MANIFEST.sha256"), "");
        Path repository = dir.resolve("repo");

        ResticCopy.Outcome first = new ResticCopy(new BackupProperties(repository.toString(), "first secret", null)).copy(snapshot);
        assertThat(first.copied()).as(first.detail()).isTrue();
        assertThat(first.detail()).matches("[0-9a-f]{8,64}");
        assertThat(repository.resolve("config")).exists();

        ResticCopy.Outcome second = new ResticCopy(new BackupProperties(repository.toString(), "first secret", null)).copy(snapshot);
        assertThat(second.copied()).isTrue();
        assertThat(second.detail()).isNotEqualTo(first.detail());

        ResticCopy.Outcome wrong = new ResticCopy(new BackupProperties(repository.toString(), "not the secret", null)).copy(snapshot);
        assertThat(wrong.copied()).isFalse();
        assertThat(wrong.detail()).startsWith("restic cannot open " + repository).doesNotContain("not the secret");
    }

    @Test
    void aStopDuringTheCopyCancelsItAndKillsRestic() throws Exception {
        Path snapshot = Files.createDirectories(dir.resolve("facteur-20261202T023138Z"));
        Path repository = dir.resolve("repo");
        Thread.currentThread().interrupt(); // what ScheduledBackups.stop or Tomcat's stop does to the thread
        try {
            assertThatThrownBy(() -> new ResticCopy(new BackupProperties(repository.toString(), "secret", null)).copy(snapshot))
                    .isInstanceOf(SnapshotCancelledException.class)
                    .hasMessage("The off-site copy was cancelled because Facteur is stopping; the snapshot " + snapshot
                            + " was written and verified, and stays.");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void resticEndedByCtrlCWithFacteurIsACancelAndKilledBySomeoneElseAFailure() throws Exception {
        Path snapshot = Files.createDirectories(dir.resolve("facteur-20261202T023138Z"));
        BackupProperties settings = new BackupProperties(dir.resolve("repo").toString(), "secret", null);
        Path interrupted = script("restic-int", "kill -INT $$"); // Ctrl-C reaches the whole process group
        assertThatThrownBy(() -> new ResticCopy(settings, interrupted.toString()).copy(snapshot))
                .isInstanceOf(SnapshotCancelledException.class).hasMessageContaining("and stays");

        Path terminated = script("restic-term", "echo 'terminated by an operator'; kill -TERM $$");
        ResticCopy.Outcome failed = new ResticCopy(settings, terminated.toString()).copy(snapshot);
        assertThat(failed.copied()).as("systemd sends SIGTERM to Facteur alone: a SIGTERMed restic is a failure").isFalse();
        assertThat(failed.detail()).startsWith("restic cannot open").contains("terminated by an operator");
    }

    private Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void aRepositoryWithoutPasswordIsExplained() throws Exception {
        ResticCopy.Outcome none = new ResticCopy(new BackupProperties(dir.toString(), "", null)).copy(dir);
        assertThat(none.copied()).isFalse();
        assertThat(none.detail()).contains("neither FACTEUR_BACKUP_PASSWORD nor FACTEUR_BACKUP_PASSWORD_FILE");
        assertThat(new BackupProperties("repo", "hunter2", null).toString()).doesNotContain("hunter2");
    }
}
