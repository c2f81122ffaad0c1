package org.facteur.lists.store;

/**
 * Where the list store's schema lives: versioned SQL scripts, one folder per engine
 * ({@code <LOCATION>/sqlite/V1__lists.sql}, {@code <LOCATION>/postgresql/...}), applied by the application
 * that owns the database (Facteur's mail server runs them as the part {@value #PART}) before it opens a
 * {@link JdbcListStore}.
 */
public final class ListStoreSchema {
    /** The name of this schema's part: its history table is {@code lists_schema_history}. */
    public static final String PART = "lists";
    /** The classpath folder of the scripts. */
    public static final String LOCATION = "org/facteur/lists/store/migration";

    private ListStoreSchema() {
    }
}
