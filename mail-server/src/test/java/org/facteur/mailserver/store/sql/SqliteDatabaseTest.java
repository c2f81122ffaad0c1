package org.facteur.mailserver.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest extends DatabaseContract {
    @TempDir
    Path dir;
    Database database;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.sqlite(dir.resolve("facteur.db")));
        database.migrate("test", SCHEMA);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Override
    Database database() {
        return database;
    }

    @Test
    void runsInWalModeWithAFullSyncAtEveryCommit() {
        assertThat(pragma("journal_mode")).isEqualTo("wal");
        assertThat(pragma("synchronous")).as("2 = FULL").isEqualTo("2");
        assertThat(pragma("foreign_keys")).isEqualTo("1");
    }

    private String pragma(String name) {
        return database.<String>read(c -> Jdbc.one(c, "PRAGMA " + name, rs -> rs.getString(1)).orElseThrow());
    }
}
