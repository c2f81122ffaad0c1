package org.facteur.app.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.DataDirectoryLock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments and refusals of {@code facteur migrate}; the conversion of a real 0.1 data directory is MigrationIT. */
class MigrateCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new MigrateCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env).run(args);
    }

    @Test
    void anUnknownArgumentIsAUsageError() {
        assertThat(run(Map.of(), "--force")).isEqualTo(MigrateCommand.USAGE);
        assertThat(err.toString()).contains("Unknown argument '--force'", "facteur migrate [--data-dir DIR]");
    }

    @Test
    void aMissingDataDirectoryIsNamed() {
        Path missing = dir.resolve("nope");
        assertThat(run(Map.of(), "--data-dir", missing.toString())).isEqualTo(MigrateCommand.FAILED);
        assertThat(err.toString()).contains("There is no data directory at " + missing);
    }

    @Test
    void aDataDirectoryWithoutRelease01StoreHasNothingToMigrateAndStaysUntouched() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        assertThat(run(Map.of("FACTEUR_DATA_DIR", data.toString()))).isEqualTo(MigrateCommand.FAILED);
        assertThat(err.toString()).contains("there is nothing to migrate");
        try (var files = Files.list(data)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aRunningFacteurOnTheDirectoryIsRefusedWithoutTouchingIt() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path derby = Files.createDirectories(DataDirectory.of(data).legacyDerbyStore());
        try (DataDirectoryLock running = DataDirectoryLock.acquire(DataDirectory.of(data), Duration.ZERO)) {
            assertThat(run(Map.of("FACTEUR_DATA_DIR", data.toString()))).isEqualTo(MigrateCommand.FAILED);
        }
        assertThat(err.toString()).contains("Facteur is running on " + data + ": stop it before ./facteur migrate.");
        assertThat(out.toString()).doesNotContain("Converting");
        assertThat(derby).isEmptyDirectory();
    }

    @Test
    void theDirectoryIsFreeAgainAfterAFailedConversion() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(DataDirectory.of(data).legacyDerbyStore()); // not a Derby database: the conversion fails
        assertThat(run(Map.of("FACTEUR_DATA_DIR", data.toString()))).isEqualTo(MigrateCommand.FAILED);
        assertThat(out.toString()).contains("Converting");
        try (DataDirectoryLock after = DataDirectoryLock.acquire(DataDirectory.of(data), Duration.ZERO)) {
            assertThat(after).isNotNull();
        }
    }
}
