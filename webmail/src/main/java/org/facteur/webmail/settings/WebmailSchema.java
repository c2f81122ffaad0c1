package org.facteur.webmail.settings;

/**
 * Where the schema of {@link JdbcSettingsStore} and {@code contacts.JdbcContactStore} lives: versioned SQL scripts, one
 * folder per engine ({@code <LOCATION>/sqlite/V1__webmail.sql}, {@code <LOCATION>/postgresql/...}), applied by the
 * application that owns the database (Facteur runs them as the part {@value #PART}) before it opens the stores.
 */
public final class WebmailSchema {
    /** The name of this schema's part: its history table is {@code webmail_schema_history}. */
    public static final String PART = "webmail";
    /** The classpath folder of the scripts. */
    public static final String LOCATION = "org/facteur/webmail/store/migration";

    private WebmailSchema() {
    }
}
