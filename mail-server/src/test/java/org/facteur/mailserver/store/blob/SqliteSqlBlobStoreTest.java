package org.facteur.mailserver.store.blob;

import java.nio.file.Path;

import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteSqlBlobStoreTest extends SqlBlobStoreContract {
    @TempDir
    Path dir;
    Database database;
    SqlBlobStore store;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.sqlite(dir.resolve("facteur.db")));
        store = SqlBlobStore.migrated(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Override
    Database database() {
        return database;
    }

    @Override
    BlobStore store() {
        return store;
    }
}
