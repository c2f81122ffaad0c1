package org.facteur.webmail.store;

import java.nio.file.Path;

import org.facteur.mailserver.store.sql.Database;
import org.facteur.webmail.contacts.ContactStore;
import org.facteur.webmail.contacts.ContactStoreContract;
import org.facteur.webmail.contacts.JdbcContactStore;
import org.facteur.webmail.encryption.JdbcPendingRecoveryKits;
import org.facteur.webmail.encryption.PendingRecoveryKits;
import org.facteur.webmail.encryption.PendingRecoveryKitsContract;
import org.facteur.webmail.settings.JdbcSettingsStore;
import org.facteur.webmail.settings.SettingsStore;
import org.facteur.webmail.settings.SettingsStoreContract;
import org.facteur.webmail.settings.WebmailSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webmail's database stores on one engine, opened as Facteur opens its database: the three stores' contracts,
 * and what sharing adds ({@link SharedStoresOnTwoNodes}).
 */
abstract class DatabaseWebmailStoresContract {
    @TempDir
    Path dir;
    Database database;

    /** A fresh, empty database. */
    protected abstract Database open() throws Exception;

    /** A second pool on the same database, as another node has. */
    protected abstract Database secondPool() throws Exception;

    @BeforeEach
    void migrate() throws Exception {
        database = open();
        database.migrate(WebmailSchema.PART, WebmailSchema.LOCATION);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Nested
    class Settings extends SettingsStoreContract {
        @Override
        protected SettingsStore store() {
            return new JdbcSettingsStore(database.dataSource());
        }
    }

    @Nested
    class Contacts extends ContactStoreContract {
        @Override
        protected ContactStore store() {
            return new JdbcContactStore(database.dataSource());
        }
    }

    @Nested
    class RecoveryKitReminders extends PendingRecoveryKitsContract {
        @Override
        protected PendingRecoveryKits reminders() {
            return new JdbcPendingRecoveryKits(database.dataSource());
        }
    }

    @Test
    void twoNodesRecordingAtOnceBothCount() throws Exception {
        try (Database other = secondPool()) {
            SharedStoresOnTwoNodes.twoNodesRecordingAtOnceBothCount(database, other);
        }
    }

    @Test
    void aNodesFilesAreCopiedInOnceAndTheDatabaseWins() throws Exception {
        SharedStoresOnTwoNodes.aNodesFilesAreCopiedInOnceAndTheDatabaseWins(database, dir.resolve("settings"));
    }
}
