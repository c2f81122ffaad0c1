package org.facteur.mailserver.lists;

import org.facteur.lists.store.JdbcListStore;
import org.facteur.lists.store.ListStore;
import org.facteur.lists.store.ListStoreSchema;
import org.facteur.mailserver.store.sql.Database;

/** Opens the list store in Facteur's one database (SQLite or PostgreSQL), its tables brought up to date first. */
public final class ListStores {
    private ListStores() {
    }

    public static ListStore open(Database database) {
        database.migrate(ListStoreSchema.PART, ListStoreSchema.LOCATION);
        return new JdbcListStore(database.dataSource());
    }
}
