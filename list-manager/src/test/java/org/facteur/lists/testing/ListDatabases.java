package org.facteur.lists.testing;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.facteur.lists.store.ListStoreSchema;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Databases for the list store's tests, with {@link ListStoreSchema}'s scripts applied the way Facteur's mail
 * server applies them (Flyway, one history table for the part): SQLite files set up as the server opens its
 * own (WAL, a busy timeout, writers that begin immediately), or a {@link PostgresServer} database.
 */
public final class ListDatabases {
    private ListDatabases() {
    }

    /** A new SQLite database in this file. */
    public static DataSource sqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(30_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return migrated(dataSource, "sqlite");
    }

    /** A new, empty database on this PostgreSQL server. */
    public static DataSource postgresql(PostgresServer server) throws Exception {
        return migrated(server.newDatabase(), "postgresql");
    }

    private static DataSource migrated(DataSource dataSource, String engineFolder) {
        Flyway.configure(ListDatabases.class.getClassLoader())
                .dataSource(dataSource)
                .table(ListStoreSchema.PART + "_schema_history")
                .locations("classpath:" + ListStoreSchema.LOCATION + "/" + engineFolder)
                .load()
                .migrate();
        return dataSource;
    }
}
