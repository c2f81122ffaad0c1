package org.facteur.lists.store;

import java.sql.SQLException;
import java.util.Locale;

/** The few places where embedded Derby and PostgreSQL disagree. */
public enum SqlDialect {
    DERBY("BLOB", "X0Y32"),
    POSTGRESQL("BYTEA", "42P07");

    private final String binaryType;
    private final String tableExistsState;

    SqlDialect(String binaryType, String tableExistsState) {
        this.binaryType = binaryType;
        this.tableExistsState = tableExistsState;
    }

    public String binaryType() {
        return binaryType;
    }

    boolean isTableExists(SQLException e) {
        return tableExistsState.equals(e.getSQLState());
    }

    static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** Chooses the dialect from a JDBC URL ({@code jdbc:derby:...} or {@code jdbc:postgresql:...}). */
    public static SqlDialect forUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:derby:")) {
            return DERBY;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported list database '" + jdbcUrl + "': use jdbc:derby: or jdbc:postgresql:.");
    }
}
