package org.facteur.mailserver.srs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.Jdbc;

/**
 * The SRS key: 32 random bytes in {@code <data>/srs/secret} (owner-only), made on first start and kept, so SRS
 * addresses given out before a restart still verify. Deleting the file invalidates every SRS address in flight.
 * With PostgreSQL the key is in the database ({@link #shared}), one for all the nodes sharing it.
 */
public final class SrsSecret {
    static final String MIGRATIONS = "org/facteur/mailserver/srs/migration";

    private SrsSecret() {
    }

    /**
     * The key of every node sharing {@code database}: the stored one, or else this node's file (a deployment that ran
     * before the key moved there: its addresses in flight stay valid) or a new one, stored by the first node to get there.
     */
    public static byte[] shared(Database database, Path dir) throws IOException {
        database.migrate("srs", MIGRATIONS);
        Optional<String> stored = stored(database);
        if (stored.isEmpty()) {
            String candidate = Files.exists(dir.resolve("secret"))
                    ? Base64.getEncoder().encodeToString(loadOrCreate(dir)) : Base64.getEncoder().encodeToString(random());
            database.inTransaction(c -> Jdbc.update(c,
                    "INSERT INTO srs_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", candidate));
            stored = stored(database);
        }
        byte[] key = Base64.getDecoder().decode(stored.orElseThrow().strip());
        if (key.length < 16) {
            throw new IOException("the SRS secret in the database holds fewer than 16 bytes");
        }
        return key;
    }

    private static Optional<String> stored(Database database) {
        return database.read(c -> Jdbc.one(c, "SELECT secret FROM srs_secret WHERE id = 1", rs -> rs.getString(1)));
    }

    private static byte[] random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** @param dir the directory of the secret ({@code DataDirectory.srs()}) */
    public static byte[] loadOrCreate(Path dir) throws IOException {
        Path file = dir.resolve("secret");
        if (!Files.exists(file)) {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            byte[] key = random();
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
