package org.facteur.mailserver.events;

import java.util.Optional;
import java.util.UUID;

import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;

/**
 * The id of the installation whose nodes share {@code database}: a random UUID made by the first node that needs it
 * and kept in the database (table {@code installation}), the same for every node, another for every installation.
 */
public final class InstallationId {
    static final String MIGRATIONS = "org/facteur/mailserver/events/migration";

    private InstallationId() {
    }

    public static String of(Database database) {
        database.migrate("installation", MIGRATIONS);
        Optional<String> stored = stored(database);
        if (stored.isEmpty()) {
            database.inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO installation (id, uuid) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", UUID.randomUUID().toString()));
            stored = stored(database);
        }
        return stored.orElseThrow();
    }

    private static Optional<String> stored(Database database) {
        return database.read(c -> Jdbc.one(c, "SELECT uuid FROM installation WHERE id = 1", rs -> rs.getString(1)));
    }
}
