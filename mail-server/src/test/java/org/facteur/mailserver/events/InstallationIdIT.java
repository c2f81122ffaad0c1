package org.facteur.mailserver.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.facteur.lists.testing.PostgresServer;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.junit.jupiter.api.Test;

/** The installation id on a real PostgreSQL: one for all the nodes of a database, another for another database. */
class InstallationIdIT {
    @Test
    void nodesOfOneDatabaseShareAnIdThatNoOtherDatabaseHas() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            String one = server.url(server.newDatabaseName());
            String id;
            try (Database nodeA = Database.open(DatabaseSettings.postgresql(one, server.user(), ""));
                 Database nodeB = Database.open(DatabaseSettings.postgresql(one, server.user(), ""))) {
                id = InstallationId.of(nodeA);
                assertThat(UUID.fromString(id)).as("a UUID").isNotNull();
                assertThat(InstallationId.of(nodeB)).as("node B of the same installation").isEqualTo(id);
                assertThat(InstallationId.of(nodeA)).as("kept").isEqualTo(id);
            }
            try (Database other = Database.open(DatabaseSettings.postgresql(server.url(server.newDatabaseName()), server.user(), ""))) {
                assertThat(InstallationId.of(other)).as("another installation").isNotEqualTo(id);
            }
        }
    }
}
