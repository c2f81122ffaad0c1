package org.facteur.mailserver.store.sql;

import java.sql.SQLException;

/** A database error that the caller cannot handle locally; keeps the SQL state of its cause. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
