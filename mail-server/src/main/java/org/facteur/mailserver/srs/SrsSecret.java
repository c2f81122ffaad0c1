package org.facteur.mailserver.srs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The SRS key: 32 random bytes in {@code <data>/srs/secret} (owner-only), made on first start and kept, so SRS
 * addresses given out before a restart still verify. Deleting the file invalidates every SRS address in flight.
 */
public final class SrsSecret {
    private SrsSecret() {
    }

    /** @param dir the directory of the secret ({@code DataDirectory.srs()}) */
    public static byte[] loadOrCreate(Path dir) throws IOException {
        Path file = dir.resolve("secret");
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = dir.resolve("secret.tmp");
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            restrict(tmp, "rw-------");
            try {
                Files.move(tmp, file);
            } catch (FileAlreadyExistsException e) {
                Files.delete(tmp);
            }
        }
        byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        if (key.length < 16) {
            throw new IOException(file + " holds fewer than 16 bytes: delete it to have a new SRS secret made");
        }
        return key;
    }

    private static void restrict(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the data directory's own permissions apply
        }
    }
}
