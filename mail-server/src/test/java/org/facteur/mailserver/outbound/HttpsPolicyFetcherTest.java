package org.facteur.mailserver.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.facteur.mailserver.dns.MtaStsPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS fetch of RFC 8461 §3.3 against a local HTTPS server (on a free port: the port is the one thing injected,
 * at class level; the mail server always uses 443).
 */
class HttpsPolicyFetcherTest {
    static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.secure.test\r\nmax_age: 86400\r\n";
    static final TestCertificates CA = TestCertificates.authority("Facteur test CA");

    @TempDir
    Path dir;
    HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private HttpsPolicyFetcher fetcherFor(SSLContext serverTls, int status, String contentType, byte[] body) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/.well-known/mta-sts.txt", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            if (status == 301) {
                exchange.getResponseHeaders().add("Location", "https://elsewhere.test/.well-known/mta-sts.txt");
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        SSLContext trust = OutboundTrust.of(Optional.of(CA.writePem(dir.resolve("ca.pem")))).context();
        return new HttpsPolicyFetcher(host -> List.of(InetAddress.getLoopbackAddress()), trust, server.getAddress().getPort(),
                HttpsPolicyFetcher.DEADLINE);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPolicyServedWithAValidCertificateIsRead() throws Exception {
        HttpsPolicyFetcher f = fetcherFor(CA.issue("mta-sts.secure.test").serverContext(), 200, "text/plain; charset=utf-8",
                bytes(POLICY));
        assertThat(f.fetch("secure.test")).isEqualTo(MtaStsPolicy.parse(POLICY));
    }

    @Test
    void aCertificateForAnotherNameOrSelfSignedIsRefused() throws Exception {
        HttpsPolicyFetcher wrongName = fetcherFor(CA.issue("mta-sts.other.test").serverContext(), 200, "text/plain", bytes(POLICY));
        assertThatThrownBy(() -> wrongName.fetch("secure.test")).isInstanceOf(IOException.class);
        stop();
        HttpsPolicyFetcher selfSigned = fetcherFor(TestCertificates.selfSigned("mta-sts.secure.test").serverContext(), 200,
                "text/plain", bytes(POLICY));
        assertThatThrownBy(() -> selfSigned.fetch("secure.test")).isInstanceOf(IOException.class);
    }

    @Test
    void redirectsOtherTypesBadPoliciesAndHugeAnswersAreRefused() throws Exception {
        SSLContext tls = CA.issue("mta-sts.secure.test").serverContext();
        HttpsPolicyFetcher redirect = fetcherFor(tls, 301, "text/plain", bytes(""));
        assertThatThrownBy(() -> redirect.fetch("secure.test")).hasMessageContaining("301");
        stop();
        HttpsPolicyFetcher html = fetcherFor(tls, 200, "text/html", bytes(POLICY));
        assertThatThrownBy(() -> html.fetch("secure.test")).hasMessageContaining("text/plain");
        stop();
        HttpsPolicyFetcher invalid = fetcherFor(tls, 200, "text/plain", bytes("version: STSv1\r\nmode: enforce\r\n"));
        assertThatThrownBy(() -> invalid.fetch("secure.test")).hasMessageContaining("not valid");
        stop();
        HttpsPolicyFetcher huge = fetcherFor(tls, 200, "text/plain", new byte[200 * 1024]);
        assertThatThrownBy(() -> huge.fetch("secure.test")).hasMessageContaining("larger than");
    }

    @Test
    void aPolicyHostThatAnswersByteByByteIsCutOffAtTheDeadline() throws Exception {
        byte[] policy = bytes(POLICY);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(CA.issue("mta-sts.secure.test").serverContext()));
        server.createContext("/.well-known/mta-sts.txt", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, policy.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte b : policy) {   // about 4 s in all: the whole policy would arrive without a deadline
                    out.write(b);
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (InterruptedException | IOException e) {
                // the client went away at its deadline
            }
        });
        server.start();
        SSLContext trust = OutboundTrust.of(Optional.of(CA.writePem(dir.resolve("ca.pem")))).context();
        HttpsPolicyFetcher slow = new HttpsPolicyFetcher(host -> List.of(InetAddress.getLoopbackAddress()), trust,
                server.getAddress().getPort(), java.time.Duration.ofSeconds(1));
        assertThatThrownBy(() -> slow.fetch("secure.test")).isInstanceOf(IOException.class)
                .hasMessageContaining("took longer than 1 s");
    }

    @Test
    void anAnswerShorterThanItsContentLengthIsRefused() {
        byte[] cut = bytes("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + (POLICY.length() + 20)
                + "\r\n\r\n" + POLICY);
        assertThatThrownBy(() -> HttpsPolicyFetcher.body("mta-sts.secure.test", cut)).hasMessageContaining("cut short");
        byte[] whole = bytes("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + POLICY.length()
                + "\r\n\r\n" + POLICY);
        org.assertj.core.api.Assertions.assertThatCode(() -> HttpsPolicyFetcher.body("mta-sts.secure.test", whole))
                .doesNotThrowAnyException();
    }
}
