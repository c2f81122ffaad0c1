package org.facteur.mailserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Recognises a data directory written by a release before Facteur's own SQL store: it holds the Derby
 * databases {@link DataDirectory#legacyDerbyStore()} (mailboxes, users, domains, aliases, quotas) or
 * {@link DataDirectory#legacyDerbyLists()} (mailing lists). Facteur does not start on it, so that nothing is
 * written beside the old store; {@code ./facteur migrate} converts it.
 */
public final class LegacyDataDirectory {
    private LegacyDataDirectory() {
    }

    /** Refused at start: the one sentence says what to do. */
    public static final class LegacyDataDirectoryException extends IllegalStateException {
        LegacyDataDirectoryException(String message) {
            super(message);
        }
    }

    /** @throws LegacyDataDirectoryException when the directory holds a store of an earlier release */
    public static void refuseToStart(DataDirectory data) {
        Optional<Path> old = legacyStore(data);
        if (old.isPresent()) {
            throw new LegacyDataDirectoryException("The data directory " + data.root() + " holds the store of an earlier"
                    + " Facteur release (" + data.root().relativize(old.get()) + "): run ./facteur migrate to convert it,"
                    + " then start Facteur again.");
        }
    }

    static Optional<Path> legacyStore(DataDirectory data) {
        if (Files.exists(data.legacyDerbyStore())) {
            return Optional.of(data.legacyDerbyStore());
        }
        if (Files.exists(data.legacyDerbyLists())) {
            return Optional.of(data.legacyDerbyLists());
        }
        return Optional.empty();
    }
}
