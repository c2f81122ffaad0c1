package org.facteur.mailserver.backup;

/** A backup or restore that was refused or failed, with a sentence for the operator. */
public final class SnapshotException extends RuntimeException {
    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
