package org.facteur.mailserver.backup;

import java.io.InterruptedIOException;

/**
 * A snapshot given up because its thread was interrupted (Facteur is stopping): its partial directory was removed,
 * nothing was kept, and it is not a failure to report.
 */
public final class SnapshotCancelledException extends InterruptedIOException {
    public SnapshotCancelledException() {
        super("The backup was cancelled because Facteur is stopping; nothing was kept.");
    }

    /** {@code interrupted}: what an interrupted file channel or process threw. */
    public SnapshotCancelledException(Throwable interrupted) {
        this();
        initCause(interrupted);
    }

    /** Another sentence: what was cancelled when it was not the snapshot itself (its off-site copy). */
    public SnapshotCancelledException(String message) {
        super(message);
    }

    /**
     * Whether a tool's exit code says it was ended by SIGINT (130): Ctrl-C on {@code ./facteur start} reaches the whole
     * process group, the tools a backup runs included. SIGTERM (143) is not taken as a stop: systemd sends it to
     * Facteur alone ({@code KillMode=mixed}), so a tool ended by it was killed by someone else, and that is a failure.
     */
    public static boolean stoppedBySignal(int exit) {
        return exit == 130;
    }

    /**
     * Throws a cancellation, caused by {@code failure}, when the current thread was interrupted: an interrupted file
     * channel or a pool that gave up waiting fails with its own exception. The caller throws {@code failure} otherwise.
     */
    static void throwIfInterrupted(Exception failure) throws SnapshotCancelledException {
        if (Thread.currentThread().isInterrupted() && !(failure instanceof SnapshotCancelledException)) {
            throw new SnapshotCancelledException(failure);
        }
    }

    /** Throws when the current thread was interrupted (its flag is left set). */
    static void throwIfInterrupted() throws SnapshotCancelledException {
        if (Thread.currentThread().isInterrupted()) {
            throw new SnapshotCancelledException();
        }
    }
}
