package org.facteur.mailserver.migration;

import org.facteur.lists.testing.PostgresServer;
import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The migration into PostgreSQL (FACTEUR_DATABASE_URL): a fresh database per test, bodies in its blob table. */
class PostgresDerbyReleaseMigrationIT extends DerbyReleaseMigrationContract {
    static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    DatabaseSettings emptyTarget(DataDirectory data) throws Exception {
        return DatabaseSettings.postgresql(postgres.url(postgres.newDatabaseName()), postgres.user(), "");
    }
}
