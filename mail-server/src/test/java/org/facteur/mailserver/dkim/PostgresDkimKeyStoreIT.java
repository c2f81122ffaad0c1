package org.facteur.mailserver.dkim;

import java.nio.file.Path;

import org.facteur.lists.testing.PostgresServer;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class PostgresDkimKeyStoreIT extends SqlDkimKeyStoreContract {
    static PostgresServer server;
    @TempDir
    Path dir;
    Database database;

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
    Path formerDir() {
        return dir.resolve("dkim");
    }
}
