package org.facteur.mailserver.admin;

/** A refused administrative request, with one sentence a person understands. */
public final class AdminException extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;

    public AdminException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static AdminException invalid(String message) {
        return new AdminException(Kind.INVALID, message);
    }

    public static AdminException notFound(String message) {
        return new AdminException(Kind.NOT_FOUND, message);
    }

    public static AdminException conflict(String message) {
        return new AdminException(Kind.CONFLICT, message);
    }
}
