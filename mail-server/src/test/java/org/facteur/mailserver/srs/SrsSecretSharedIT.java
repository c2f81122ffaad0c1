package org.facteur.mailserver.srs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.facteur.lists.testing.PostgresServer;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SRS key in the database several nodes share: on SQLite here, and on PostgreSQL (the machine's, or a private
 * one from Debian's binaries) in {@link #onPostgresql}.
 */
class SrsSecretSharedIT {
    @TempDir
    Path dir;

    @Test
    void onSqlite() throws Exception {
        try (Database database = Database.open(DatabaseSettings.sqlite(dir.resolve("facteur.db")))) {
            nodesShareOneKeyAndAFormerFileIsKept(database);
        }
    }

    @Test
    void onPostgresql() throws Exception {
        try (PostgresServer server = PostgresServer.start();
             Database database = Database.open(DatabaseSettings.postgresql(server.url(server.newDatabaseName()), server.user(), ""))) {
            nodesShareOneKeyAndAFormerFileIsKept(database);
        }
    }

    private void nodesShareOneKeyAndAFormerFileIsKept(Database database) throws Exception {
        Path nodeA = dir.resolve("a/srs");
        Path nodeB = dir.resolve("b/srs");
        byte[] former = SrsSecret.loadOrCreate(nodeA);   // node A ran before the key moved to the database
        byte[] onA = SrsSecret.shared(database, nodeA);
        byte[] onB = SrsSecret.shared(database, nodeB);
        assertThat(onA).as("node A's addresses in flight stay valid").isEqualTo(former);
        assertThat(onB).as("node B verifies what node A signed").isEqualTo(onA);
        SrsAddresses a = new SrsAddresses(onA, java.time.Clock.systemUTC());
        SrsAddresses b = new SrsAddresses(onB, java.time.Clock.systemUTC());
        String forwarded = a.forward("someone", "elsewhere.test", "example.org").orElseThrow();
        assertThat(b.reverse(forwarded.substring(0, forwarded.indexOf('@')))).contains("someone@elsewhere.test");
        SrsAddresses other = new SrsAddresses(SrsSecret.loadOrCreate(dir.resolve("d/srs")), java.time.Clock.systemUTC());
        assertThat(other.reverse(forwarded.substring(0, forwarded.indexOf('@')))).as("another key does not verify").isEmpty();
        assertThat(List.of(SrsSecret.shared(database, dir.resolve("c/srs")))).singleElement().isEqualTo(onA);
    }
}
