package org.facteur.webmail.encryption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.facteur.webmail.settings.FileSettingsStore;

/**
 * Members who turned OpenPGP on here and have not downloaded their recovery kit yet: an empty marker file next to
 * their settings ({@code <address>.recovery-kit-pending}), so that the reminder survives logouts and restarts.
 * Keys made by the administrator have no marker: their owner already chose how to keep them.
 */
final class PendingRecoveryKits {
    private final Path directory;

    PendingRecoveryKits(Path directory) {
        this.directory = directory;
    }

    boolean pending(String address) {
        return Files.exists(marker(address));
    }

    void markPending(String address) {
        try {
            Files.createDirectories(directory);
            Files.write(marker(address), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void done(String address) {
        try {
            Files.deleteIfExists(marker(address));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path marker(String address) {
        return FileSettingsStore.memberFile(directory, address, ".recovery-kit-pending");
    }
}
