package org.facteur.mailserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * One real embedded Facteur mail server per test class, on free ports in a temporary data
 * directory, with the domain example.org and the mailbox alice@example.org ready:
 * {@code @RegisterExtension static final MailServerExtension mail = new MailServerExtension();}
 * Its {@code @Nested} classes use the same server.
 */
public final class MailServerExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String ALICE = "alice@example.org";
    public static final String ALICE_PASSWORD = "S3cret-pass";

    private final Function<Path, MailServerSettings> settingsFor;
    private Path dataDir;
    private MailServerSettings settings;
    private FacteurMailServer server;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** The test class that started the server; @Nested classes inherit the extension and share it. */
    private ExtensionContext owner;

    public MailServerExtension() {
        this(TestMailServers::settings);
    }

    public MailServerExtension(Function<Path, MailServerSettings> settingsFor) {
        this.settingsFor = settingsFor;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (owner != null) {
            return; // a @Nested class of the test class that started the server: same server
        }
        owner = context;
        dataDir = Files.createTempDirectory("facteur-it");
        settings = settingsFor.apply(dataDir);
        server = FacteurMailServer.start(settings, meters);
        server.admin().addDomain("example.org");
        server.admin().addUser(ALICE, ALICE_PASSWORD);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (context != owner) {
            return;
        }
        owner = null;
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public FacteurMailServer server() {
        return server;
    }

    /** The server's own meters (SMTP outcomes, deliveries, lists). */
    public MeterRegistry meters() {
        return meters;
    }

    public MailServerSettings settings() {
        return settings;
    }

    public MailClient client() {
        return new MailClient(settings.ports());
    }

    /** A plain IMAP connection from 127.0.0.1, logged in as {@link #ALICE}; fails the test when the login fails. */
    public ImapDialogue aliceOverImap() throws Exception {
        ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1");
        String login = imap.login(ALICE, ALICE_PASSWORD);
        if (!login.startsWith("OK")) {
            imap.close();
            throw new AssertionError("LOGIN as " + ALICE + " answered: " + login);
        }
        return imap;
    }
}
