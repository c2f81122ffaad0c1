package org.facteur.mailserver.store.sql;

import java.sql.SQLException;
import java.util.function.Function;
import java.util.function.Supplier;

/** A database error that the caller cannot handle locally; keeps the SQL state of its cause. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * Runs database work for an interface that declares its own checked exception (James's
     * {@code UsersRepositoryException}, {@code DomainListException}...) and turns a failure into it.
     */
    public static <T, E extends Exception> T translated(Supplier<T> work, Function<DatabaseException, E> translation) throws E {
        try {
            return work.get();
        } catch (DatabaseException e) {
            throw translation.apply(e);
        }
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
