package org.facteur.lists.store;

import java.nio.file.Path;

import org.facteur.lists.testing.ListDatabases;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The contract on SQLite, the embedded default (a file, as in the server). */
class SqliteListStoreTest extends ListStoreContract {
    @TempDir
    Path dir;

    @Override
    protected ListStore newStore() {
        dataSource = ListDatabases.sqlite(dir.resolve("lists.db"));
        return new JdbcListStore(dataSource);
    }

    /** The archive contract on SQLite too. */
    @Nested
    class Archives extends ArchiveStoreContract {
        @Override
        protected ListStore newStore() {
            return new JdbcListStore(ListDatabases.sqlite(dir.resolve("archives.db")));
        }
    }
}
