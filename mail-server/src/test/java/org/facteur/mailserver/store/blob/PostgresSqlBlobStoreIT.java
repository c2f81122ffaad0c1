package org.facteur.mailserver.store.blob;

import org.facteur.lists.testing.PostgresServer;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

class PostgresSqlBlobStoreIT extends SqlBlobStoreContract {
    static PostgresServer server;
    Database database;
    SqlBlobStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void open() throws Exception {
        database = Database.open(DatabaseSettings.postgresql(server.url(server.newDatabaseName()), server.user(), ""));
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
