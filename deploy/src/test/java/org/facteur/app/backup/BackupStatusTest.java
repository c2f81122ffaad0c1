package org.facteur.app.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupStatusTest {
    @TempDir
    Path dir;

    @Test
    void lastSuccessAtStartIsTheNewestVerifiedSnapshot() throws Exception {
        Files.createDirectories(dir.resolve("facteur-20261130T033000Z")).resolve("MANIFEST.sha256").toFile().createNewFile();
        Files.createDirectories(dir.resolve("facteur-20261201T033000Z")).resolve("MANIFEST.sha256").toFile().createNewFile();
        Files.createDirectories(dir.resolve("facteur-20261202T033000Z")); // no manifest: not a snapshot
        Files.createDirectories(dir.resolve(".partial-facteur-20261202T040000Z")).resolve("MANIFEST.sha256").toFile().createNewFile();

        assertThat(BackupStatus.fromDirectory(dir).lastSuccess()).hasValue(Instant.parse("2026-12-01T03:30:00Z"));
        assertThat(BackupStatus.fromDirectory(dir.resolve("missing")).lastSuccess()).isEmpty();
    }

    @Test
    void detailsSayTheAgeTheOutcomeAndTheError() {
        BackupStatus status = new BackupStatus();
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        status.succeeded(Instant.parse("2026-12-02T03:30:00Z"), Path.of("/backups/facteur-20261202T033000Z"));
        status.failed(Instant.parse("2026-12-02T11:00:00Z"), "No space left on device");

        Map<String, Object> details = status.details(now, BackupSchedule.parse("03:30"));

        assertThat(details).containsEntry("schedule", "03:30").containsEntry("ok", false)
                .containsEntry("ageSeconds", 8L * 3600 + 30 * 60).containsEntry("error", "No space left on device")
                .containsEntry("lastSuccess", "2026-12-02T03:30:00Z").containsEntry("lastAttempt", "2026-12-02T11:00:00Z");
        assertThat(status.lastOk()).isFalse();
    }
}
