package org.facteur.mailserver.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.facteur.mailserver.MailServerExtension.ALICE;
import static org.facteur.mailserver.MailServerExtension.ALICE_PASSWORD;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.facteur.mailserver.MailServerExtension;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.MailServerSettings.HostPort;
import org.facteur.mailserver.MailServerSettings.Route;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Opportunistic outbound TLS, as Postfix's {@code smtp_tls_security_level = may}: with {@code FACTEUR_OUTBOUND_STARTTLS}
 * on, a remote that offers STARTTLS gets the mail encrypted even when its certificate is self-signed and names another
 * host (most MXes on the Internet), and a remote that does not offer it gets the mail in clear.
 */
class OpportunisticTlsIT {
    static final TlsSmtpServer SELF_SIGNED = remote(() -> new TlsSmtpServer(
            TestCertificates.selfSigned("some-other-name.example").serverContext()));
    static final TlsSmtpServer PLAIN = remote(() -> new TlsSmtpServer(null));
    static final TlsSmtpServer BROKEN = remote(TlsSmtpServer::withBrokenStartTls);

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(OpportunisticTlsIT::settings);

    interface Remote {
        TlsSmtpServer start() throws IOException;
    }

    static TlsSmtpServer remote(Remote remote) {
        try {
            return remote.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MailServerSettings settings(Path dir) {
        MailServerSettings s = TestMailServers.settings(dir, List.of(
                new Route("tls.test", new HostPort("127.0.0.1", SELF_SIGNED.port())),
                new Route("plain.test", new HostPort("127.0.0.1", PLAIN.port())),
                new Route("broken.test", new HostPort("127.0.0.1", BROKEN.port()))));
        MailServerSettings.Outbound out = s.outbound();
        return TestMailServers.withOutbound(s, new MailServerSettings.Outbound(Optional.empty(),
                out.routes(), out.retryDelays(), out.maxRetries(), true));
    }

    @AfterAll
    static void stopRemotes() throws IOException {
        for (TlsSmtpServer remote : List.of(SELF_SIGNED, PLAIN, BROKEN)) {
            remote.close();
        }
    }

    private static void send(String to, String subject) throws Exception {
        mail.client().submit(ALICE, ALICE_PASSWORD, mail.client().message(ALICE, to, subject, "Outbound TLS"));
    }

    @Test
    void aRemoteOfferingStartTlsWithASelfSignedCertificateGetsTheMailOverTls() throws Exception {
        send("bob@tls.test", "Encrypted hello");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(SELF_SIGNED.messages())
                .as(() -> "delivered to the self-signed remote; connections %d, handshakes done %d, refused %d"
                        .formatted(SELF_SIGNED.connections(), SELF_SIGNED.handshakes(), SELF_SIGNED.failedHandshakes()))
                .isNotEmpty());
        TlsSmtpServer.Received received = SELF_SIGNED.messages().getFirst();
        assertThat(received.recipients()).containsExactly("bob@tls.test");
        assertThat(received.overTls()).isTrue();
        assertThat(received.protocol()).startsWith("TLSv1.");
        assertThat(SELF_SIGNED.handshakes()).isPositive();
    }

    @Test
    void aRemoteWithoutStartTlsGetsTheMailInClear() throws Exception {
        send("carol@plain.test", "Clear hello");
        await().atMost(Duration.ofSeconds(30)).until(() -> !PLAIN.messages().isEmpty());
        TlsSmtpServer.Received received = PLAIN.messages().getFirst();
        assertThat(received.recipients()).containsExactly("carol@plain.test");
        assertThat(received.overTls()).isFalse();
    }

    /**
     * Unlike Postfix at level {@code may}, javax.mail does not retry in clear when the TLS handshake fails after the
     * remote accepted STARTTLS: the attempt is a temporary failure, retried on the retry delays (then a DSN).
     */
    @Test
    void aRemoteWhoseTlsHandshakeFailsIsRetriedNeverSentTheMailInClear() throws Exception {
        send("dan@broken.test", "Broken TLS");
        await().atMost(Duration.ofSeconds(40)).until(() -> BROKEN.failedHandshakes() >= 2);
        assertThat(BROKEN.messages()).isEmpty();
    }
}
