package org.facteur.mailserver.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.facteur.lists.testing.PostgresServer;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.facteur.pgp.TestKeys;
import org.facteur.pgp.store.FileUserKeyStore;
import org.facteur.pgp.store.PgpSettings;
import org.facteur.pgp.store.UserKeyStore;
import org.facteur.pgp.store.UserKeyStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenPGP key store's contract on PostgreSQL, opened as the mail server opens it ({@link UserKeyStores}). */
class PostgresUserKeyStoreIT extends UserKeyStoreContract {
    static PostgresServer server;
    @TempDir
    Path dir;
    Database database;
    UserKeyStore store;

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
        store = UserKeyStores.open(database, dir.resolve("pgp"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Override
    protected UserKeyStore store() {
        return store;
    }

    @Test
    void aNodesKeyFilesAreCopiedInAtStartAndTheDatabaseWins() {
        FileUserKeyStore nodeB = new FileUserKeyStore(dir.resolve("b/pgp"));
        nodeB.saveKey("alice@example.org", TestKeys.ALICE.secretKey(), TestKeys.ALICE.revocation());
        nodeB.saveSettings("alice@example.org", new PgpSettings(true, false, false));
        UserKeyStore afterB = UserKeyStores.open(database, dir.resolve("b/pgp"));
        assertThat(afterB.secretKey("alice@example.org").orElseThrow().armored()).isEqualTo(TestKeys.ALICE.secretKey().armored());

        FileUserKeyStore nodeC = new FileUserKeyStore(dir.resolve("c/pgp"));
        nodeC.saveKey("alice@example.org", TestKeys.BOB.secretKey(), TestKeys.BOB.revocation());
        UserKeyStore afterC = UserKeyStores.open(database, dir.resolve("c/pgp"));
        assertThat(afterC.secretKey("alice@example.org").orElseThrow().armored()).as("what the database holds wins")
                .isEqualTo(TestKeys.ALICE.secretKey().armored());
    }
}
