package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A data directory written by the Derby-based release (its store in var/store/derby, its lists in
 * var/store/lists) is recognised at start: the server refuses it with one sentence that names
 * {@code ./facteur migrate}, and writes nothing beside the old store.
 */
class LegacyDataDirectoryTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"var/store/derby", "var/store/lists"})
    void aDataDirectoryOfTheDerbyReleaseIsRefusedWithOneSentenceNamingMigrate(String oldStore) throws Exception {
        Files.createDirectories(dir.resolve(oldStore).resolve("seg0"));
        Files.writeString(dir.resolve(oldStore).resolve("service.properties"), "derby");

        assertThatThrownBy(() -> FacteurMailServer.start(TestMailServers.settings(dir)).close())
                .isInstanceOf(LegacyDataDirectory.LegacyDataDirectoryException.class)
                .hasMessageContaining("./facteur migrate")
                .hasMessageContaining(oldStore)
                .satisfies(e -> assertThat(e.getMessage().split("(?<=\\.)\\s+")).as("one sentence").hasSize(1))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").endsWith("."));
        assertThat(DataDirectory.of(dir).database()).doesNotExist();
        assertThat(DataDirectory.of(dir).conf()).doesNotExist();
    }
}
