package org.facteur.webmail.encryption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.facteur.webmail.settings.FileSettingsStore;

/**
 * The reminders of one node: an empty marker file next to the member's settings ({@code <address>.recovery-kit-pending}),
 * so that the reminder survives logouts and restarts.
 */
public final class FilePendingRecoveryKits implements PendingRecoveryKits {
    private static final String SUFFIX = ".recovery-kit-pending";
    private final Path directory;

    public FilePendingRecoveryKits(Path directory) {
        this.directory = directory;
    }

    @Override
    public boolean pending(String address) {
        return Files.exists(marker(address));
    }

    @Override
    public void markPending(String address) {
        try {
            Files.createDirectories(directory);
            Files.write(marker(address), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void done(String address) {
        try {
            Files.deleteIfExists(marker(address));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The members with a reminder here (their addresses, lower-cased), to move them into a shared database. */
    public List<String> members() throws IOException {
        return FileSettingsStore.members(directory, SUFFIX);
    }

    private Path marker(String address) {
        return FileSettingsStore.memberFile(directory, address, SUFFIX);
    }
}
