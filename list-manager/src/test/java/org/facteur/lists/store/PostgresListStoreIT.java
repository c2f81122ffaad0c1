package org.facteur.lists.store;

import org.facteur.lists.testing.ListDatabases;
import org.facteur.lists.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The contract on a real PostgreSQL server, the machine's or one started from the Debian binaries. */
class PostgresListStoreIT extends ListStoreContract {
    private static PostgresServer server;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected ListStore newStore() throws Exception {
        dataSource = ListDatabases.postgresql(server);
        return new JdbcListStore(dataSource);
    }

    /** The archive contract on the same server. */
    @Nested
    class Archives extends ArchiveStoreContract {
        @Override
        protected ListStore newStore() throws Exception {
            return new JdbcListStore(ListDatabases.postgresql(server));
        }
    }
}
