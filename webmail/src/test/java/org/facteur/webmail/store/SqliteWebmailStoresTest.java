package org.facteur.webmail.store;

import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;

/** The webmail's database stores on SQLite (same schema scripts as PostgreSQL, in their SQLite form). */
class SqliteWebmailStoresTest extends DatabaseWebmailStoresContract {
    @Override
    protected Database open() {
        return Database.open(DatabaseSettings.sqlite(dir.resolve("facteur.db")));
    }

    @Override
    protected Database secondPool() {
        return open();
    }
}
