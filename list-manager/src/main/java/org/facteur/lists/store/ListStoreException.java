package org.facteur.lists.store;

/** A store refused an operation for a reason a person can act on. */
public class ListStoreException extends RuntimeException {
    public ListStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ListStoreException(String message) {
        super(message);
    }

    /** The thing already exists. */
    public static final class Conflict extends ListStoreException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The thing it refers to does not exist. */
    public static final class NotFound extends ListStoreException {
        public NotFound(String message) {
            super(message);
        }
    }
}
