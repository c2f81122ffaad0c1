package org.facteur.mailserver.store.sql;

import org.facteur.lists.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

class PostgresDatabaseIT extends DatabaseContract {
    static PostgresServer server;
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
        String name = server.newDatabaseName();
        database = Database.open(DatabaseSettings.postgresql(server.url(name), server.user(), ""));
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
}
