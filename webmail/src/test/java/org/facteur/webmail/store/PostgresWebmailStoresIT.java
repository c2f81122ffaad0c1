package org.facteur.webmail.store;

import org.facteur.lists.testing.PostgresServer;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The webmail's database stores on PostgreSQL (the machine's, else a private one from Debian's binaries): the settings,
 * address books and recovery-kit reminders that every node sharing the database shows a member.
 */
class PostgresWebmailStoresIT extends DatabaseWebmailStoresContract {
    static PostgresServer server;
    String url;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected Database open() throws Exception {
        url = server.url(server.newDatabaseName());
        return Database.open(DatabaseSettings.postgresql(url, server.user(), ""));
    }

    @Override
    protected Database secondPool() {
        return Database.open(DatabaseSettings.postgresql(url, server.user(), ""));
    }
}
