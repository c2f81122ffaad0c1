package org.facteur.mailserver.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.apache.james.events.EventBusTestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code amqps://} the relay checks RabbitMQ's certificate: a TLS server whose self-signed certificate the JVM
 * does not trust never sees the AMQP header (the client library alone would trust any certificate, and send the
 * password to whoever answers).
 */
class RabbitMqTlsTest {
    @TempDir
    Path dir;

    @Test
    void anUntrustedCertificateIsRefusedBeforeTheLoginIsSent() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "rabbit", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit").inheritIO().start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool made a key").isTrue();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 5,
                java.net.InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(20_000);
            CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket client = (SSLSocket) server.accept()) {
                    client.setSoTimeout(10_000);
                    byte[] header = client.getInputStream().readNBytes(4);
                    return new String(header, java.nio.charset.StandardCharsets.US_ASCII);
                } catch (Exception e) {
                    return "refused: " + e.getClass().getSimpleName();
                }
            });
            RabbitMqEventRelay relay = new RabbitMqEventRelay(
                    RabbitMqSettings.parse("amqps://facteur:s3cret@localhost:" + server.getLocalPort()), "facteur.test-events",
                    new EventBusTestFixture.TestEventSerializer(), List.of(new EventBusTestFixture.TestRegistrationKeyFactory()));
            try {
                relay.start();
                // The server side sees the refusal as an SSLException or, when the client's alert and close race
                // its read, as a SocketException (seen in CI); either way it never reads the AMQP header.
                assertThat(heard.get(30, TimeUnit.SECONDS)).as("the TLS handshake failed: no AMQP header, no password")
                        .startsWith("refused: ").doesNotContain("AMQP");
                assertThat(relay.connected()).isFalse();
            } finally {
                relay.close();
            }
        }
    }
}
