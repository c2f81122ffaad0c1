package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote delivery through the queue to GreenMail (remote.test), and DSNs on permanent failure. */
class OutboundDeliveryIT {
    @TempDir
    static Path data;
    static GreenMail remote;
    static RejectingSmtpServer rejecting;
    static FacteurMailServer server;
    static MailClient client;

    @BeforeAll
    static void start() throws Exception {
        remote = new GreenMail(new ServerSetup(TestMailServers.freePort(), "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        remote.start();
        rejecting = new RejectingSmtpServer();
        MailServerSettings settings = TestMailServers.settings(data, List.of(
                new MailServerSettings.Route("remote.test",
                        new MailServerSettings.HostPort("127.0.0.1", remote.getSmtp().getPort())),
                new MailServerSettings.Route("rejecting.test",
                        new MailServerSettings.HostPort("127.0.0.1", rejecting.port())),
                new MailServerSettings.Route("unreachable.test",
                        new MailServerSettings.HostPort("127.0.0.1", TestMailServers.freePort()))));
        server = FacteurMailServer.start(settings);
        server.admin().addDomain("example.org");
        server.admin().addUser("alice@example.org", "S3cret-pass");
        client = new MailClient(settings.ports());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        remote.stop();
        rejecting.close();
    }

    @Test
    void mailToARemoteDomainReachesTheRemoteServer() throws Exception {
        client.submit("alice@example.org", "S3cret-pass",
                client.message("alice@example.org", "bob@remote.test", "Outbound hello", "Going out"));
        await().atMost(Duration.ofSeconds(30)).until(() -> remote.getReceivedMessages().length >= 1);
        MimeMessage received = remote.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Outbound hello");
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("bob@remote.test");
    }

    @Test
    void permanentRejectionProducesADsnInTheSendersInbox() throws Exception {
        client.submit("alice@example.org", "S3cret-pass",
                client.message("alice@example.org", "nobody@rejecting.test", "Doomed", "This will bounce"));
        String dsn = awaitDsn("Doomed", Duration.ofSeconds(60));
        assertThat(dsn).contains("nobody@rejecting.test").contains("5.1.1");
        assertThat(rejecting.rejected.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void unreachableHostIsRetriedThenBounced() throws Exception {
        client.submit("alice@example.org", "S3cret-pass",
                client.message("alice@example.org", "carol@unreachable.test", "Nobody home", "Retry me"));
        assertThat(awaitDsn("Nobody home", Duration.ofSeconds(90))).contains("carol@unreachable.test");
    }

    /**
     * Polls the inbox until the DSN arrives. James 3.8.1 can answer a FETCH issued right after SELECT with
     * "BAD Invalid messageset" when a message lands between the two (its selected-mailbox UID set lags the
     * EXISTS count), so a failed poll is retried like any IMAP client would.
     */
    private static String awaitDsn(String subject, Duration timeout) {
        return await().atMost(timeout).ignoreExceptionsInstanceOf(MessagingException.class)
                .until(() -> dsnFor(subject), java.util.Objects::nonNull);
    }

    /** The body of a delivery status notification about the message with this subject, or null. */
    private static String dsnFor(String subject) throws Exception {
        try (Store store = client.imap("alice@example.org", "S3cret-pass")) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message m : inbox.getMessages()) {
                    if (m.isMimeType("multipart/report")) {
                        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
                        m.writeTo(raw);
                        String text = raw.toString(java.nio.charset.StandardCharsets.UTF_8);
                        if (text.contains(subject)) {
                            return text;
                        }
                    }
                }
                return null;
            } finally {
                inbox.close(false);
            }
        }
    }
}
