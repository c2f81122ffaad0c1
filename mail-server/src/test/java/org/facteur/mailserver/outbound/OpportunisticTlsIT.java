package org.facteur.mailserver.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.MailServerSettings.HostPort;
import org.facteur.mailserver.MailServerSettings.Route;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opportunistic outbound TLS, as Postfix's {@code smtp_tls_security_level = may}: with {@code FACTEUR_OUTBOUND_STARTTLS}
 * on, a remote that offers STARTTLS gets the mail encrypted even when its certificate is self-signed and names another
 * host (most MXes on the Internet), and a remote that does not offer it gets the mail in clear.
 */
class OpportunisticTlsIT {
    @TempDir
    static Path data;
    static TlsSmtpServer selfSigned;
    static TlsSmtpServer plain;
    static TlsSmtpServer broken;
    static FacteurMailServer server;
    static MailClient client;

    @BeforeAll
    static void start() throws Exception {
        selfSigned = new TlsSmtpServer(TestCertificates.selfSigned("some-other-name.example").serverContext());
        plain = new TlsSmtpServer(null);
        broken = TlsSmtpServer.withBrokenStartTls();
        MailServerSettings s = TestMailServers.settings(data, List.of(
                new Route("tls.test", new HostPort("127.0.0.1", selfSigned.port())),
                new Route("plain.test", new HostPort("127.0.0.1", plain.port())),
                new Route("broken.test", new HostPort("127.0.0.1", broken.port()))));
        MailServerSettings.Outbound out = s.outbound();
        MailServerSettings settings = TestMailServers.withOutbound(s, new MailServerSettings.Outbound(Optional.empty(),
                out.routes(), out.retryDelays(), out.maxRetries(), true));
        server = FacteurMailServer.start(settings);
        server.admin().addDomain("example.org");
        server.admin().addUser("alice@example.org", "S3cret-pass");
        client = new MailClient(settings.ports());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        selfSigned.close();
        plain.close();
        broken.close();
    }

    @Test
    void aRemoteOfferingStartTlsWithASelfSignedCertificateGetsTheMailOverTls() throws Exception {
        client.submit("alice@example.org", "S3cret-pass",
                client.message("alice@example.org", "bob@tls.test", "Encrypted hello", "Over TLS"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(selfSigned.messages())
                .as(() -> "delivered to the self-signed remote; connections %d, handshakes done %d, refused %d"
                        .formatted(selfSigned.connections(), selfSigned.handshakes(), selfSigned.failedHandshakes()))
                .isNotEmpty());
        TlsSmtpServer.Received received = selfSigned.messages().getFirst();
        assertThat(received.recipients()).containsExactly("bob@tls.test");
        assertThat(received.overTls()).isTrue();
        assertThat(received.protocol()).startsWith("TLSv1.");
        assertThat(selfSigned.handshakes()).isPositive();
    }

    @Test
    void aRemoteWithoutStartTlsGetsTheMailInClear() throws Exception {
        client.submit("alice@example.org", "S3cret-pass",
                client.message("alice@example.org", "carol@plain.test", "Clear hello", "No TLS there"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !plain.messages().isEmpty());
        TlsSmtpServer.Received received = plain.messages().getFirst();
        assertThat(received.recipients()).containsExactly("carol@plain.test");
        assertThat(received.overTls()).isFalse();
    }

    /**
     * Unlike Postfix at level {@code may}, javax.mail does not retry in clear when the TLS handshake fails after the
     * remote accepted STARTTLS: the attempt is a temporary failure, retried on the retry delays (then a DSN).
     */
    @Test
    void aRemoteWhoseTlsHandshakeFailsIsRetriedNeverSentTheMailInClear() throws Exception {
        client.submit("alice@example.org", "S3cret-pass",
                client.message("alice@example.org", "dan@broken.test", "Broken TLS", "Not in clear"));
        await().atMost(Duration.ofSeconds(40)).until(() -> broken.failedHandshakes() >= 2);
        assertThat(broken.messages()).isEmpty();
    }
}
