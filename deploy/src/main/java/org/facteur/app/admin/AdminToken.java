package org.facteur.app.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.facteur.app.config.FacteurProperties;
import org.springframework.stereotype.Component;

/**
 * The admin API's 256-bit bearer token and the files through which {@code facteur admin} finds the
 * server: {@code <data>/admin/token} and {@code <data>/admin/endpoint}, readable by the owner only
 * (the way james-cli and stalwart-cli find their server). The token is never logged.
 */
@Component
public class AdminToken {
    public static final String TOKEN_FILE = "token";
    public static final String ENDPOINT_FILE = "endpoint";

    private final Path dir;
    private final String token;

    public AdminToken(FacteurProperties properties) {
        this.dir = org.facteur.mailserver.DataDirectory.of(properties.dataDir()).admin();
        this.token = loadOrCreate();
    }

    /** Constant-time comparison with the presented token; {@code null} never matches. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes where the admin API listens, for the command line. */
    void publishEndpoint(int port) {
        writePrivate(dir.resolve(ENDPOINT_FILE), "http://127.0.0.1:" + port + "\n");
    }

    private String loadOrCreate() {
        Path file = dir.resolve(TOKEN_FILE);
        try {
            if (Files.exists(file)) {
                String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (existing.length() >= 32) {
                    return existing;
                }
            }
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String fresh = HexFormat.of().formatHex(raw);
            writePrivate(file, fresh + "\n");
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token in " + dir, e);
        }
    }

    private void writePrivate(Path file, String content) {
        try {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
