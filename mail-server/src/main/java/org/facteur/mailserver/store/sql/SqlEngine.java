package org.facteur.mailserver.store.sql;

import java.sql.SQLException;
import java.util.Locale;

/**
 * The two database engines Facteur stores its state in: SQLite, embedded, one file under the data
 * directory (the default for one machine), and PostgreSQL, shared by several nodes. Their SQL is the same
 * for everything Facteur asks (RETURNING, ON CONFLICT, window-free queries); the differences live here and
 * in the per-engine migration scripts.
 */
public enum SqlEngine {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String migrationFolder;

    SqlEngine(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** The folder under a module's migration location that holds this engine's scripts. */
    public String migrationFolder() {
        return migrationFolder;
    }

    public static SqlEngine forUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported database URL '" + jdbcUrl
                + "': Facteur stores its data in SQLite (the default, no URL) or PostgreSQL (jdbc:postgresql://host:5432/db).");
    }

    /** A unique or primary key was violated (SQLite reports SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, PostgreSQL 23505). */
    public boolean isDuplicateKey(SQLException e) {
        return switch (this) {
            case POSTGRESQL -> "23505".equals(e.getSQLState());
            case SQLITE -> e.getErrorCode() == 19 && e.getMessage() != null
                    && (e.getMessage().contains("UNIQUE") || e.getMessage().contains("PRIMARYKEY"));
        };
    }

    /**
     * A transaction lost a race and may simply be run again: a serialization failure or deadlock in
     * PostgreSQL, SQLITE_BUSY/SQLITE_LOCKED once the busy timeout ran out in SQLite.
     */
    public boolean isRetryable(SQLException e) {
        return switch (this) {
            case POSTGRESQL -> "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
            case SQLITE -> {
                int primary = e.getErrorCode() & 0xff;
                yield primary == 5 || primary == 6;
            }
        };
    }
}
