package org.facteur.app.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.apache.catalina.connector.Connector;
import org.facteur.app.config.FacteurProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The admin API listens on its own connector bound to 127.0.0.1 (a random port) and needs a token.
 * Both are written to {@code <data>/admin/} (readable by the owner only), where {@code facteur admin}
 * finds them, the way james-cli and stalwart-cli find their server.
 */
@Component
public class AdminEndpoint implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
        ApplicationListener<WebServerInitializedEvent> {
    public static final String TOKEN_FILE = "token";
    public static final String ENDPOINT_FILE = "endpoint";

    private final Path dir;
    private final Connector connector;
    private final String token;

    public AdminEndpoint(FacteurProperties properties) {
        this.dir = properties.dataDir().toAbsolutePath().resolve("admin");
        this.connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        this.token = loadOrCreateToken();
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addAdditionalTomcatConnectors(connector);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        int port = connector.getLocalPort();
        if (port > 0) {
            writePrivate(dir.resolve(ENDPOINT_FILE), "http://127.0.0.1:" + port + "\n");
        }
    }

    /** Local port of the admin connector, or -1 before start. */
    public int port() {
        return connector.getLocalPort();
    }

    boolean tokenMatches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return java.security.MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private String loadOrCreateToken() {
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
