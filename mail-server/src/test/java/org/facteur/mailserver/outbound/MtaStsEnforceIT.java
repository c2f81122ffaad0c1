package org.facteur.mailserver.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.facteur.mailserver.dns.DnsServers;
import org.facteur.mailserver.dns.Dnsmasq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MTA-STS (RFC 8461) for outbound mail, end to end: policies discovered through the test's dnsmasq
 * ({@code FACTEUR_DNS_SERVERS}) and fetched from an HTTPS host on port 443, remote MXes on port 25 of their own
 * loopback addresses, certificates from a test CA given as {@code FACTEUR_OUTBOUND_CA_FILE}. Binding ports 25 and 443
 * needs root, as these test machines run.
 * <ul>
 * <li>good.test, enforce, MX with a CA-signed certificate for its name: delivered over TLS;
 * <li>bad.test, enforce, MX with a self-signed certificate: not delivered, kept for retry (no DSN);
 * <li>lax.test, testing, the same self-signed MX: delivered (opportunistic TLS);
 * <li>unlisted.test, enforce, its only MX not named by the policy: never contacted, kept for retry;
 * <li>wrongname.test, enforce, MX with a CA-signed certificate for another name: not delivered;
 * <li>notls.test, enforce, MX without STARTTLS: not delivered (no clear-text fallback).
 * </ul>
 */
class MtaStsEnforceIT {
    static final String ALICE = "alice@example.org";
    static final String PASSWORD = "S3cret-pass";

    @TempDir
    static Path data;
    static Dnsmasq dns;
    static HttpsServer policyHost;
    static TlsSmtpServer good;
    static TlsSmtpServer selfSigned;
    static TlsSmtpServer other;
    static TlsSmtpServer wrongName;
    static TlsSmtpServer noTls;
    static FacteurMailServer server;
    static MailClient client;

    static final Map<String, String> POLICIES = Map.of(
            "mta-sts.good.test", policy("enforce", "mx.good.test"),
            "mta-sts.bad.test", policy("enforce", "*.bad.test"),
            "mta-sts.lax.test", policy("testing", "mx.lax.test"),
            "mta-sts.unlisted.test", policy("enforce", "mx.listed.test"),
            "mta-sts.wrongname.test", policy("enforce", "mx.wrongname.test"),
            "mta-sts.notls.test", policy("enforce", "mx.notls.test"));

    static String policy(String mode, String mx) {
        return "version: STSv1\r\nmode: " + mode + "\r\nmx: " + mx + "\r\nmax_age: 86400\r\n";
    }

    @BeforeAll
    static void start() throws Exception {
        TestCertificates ca = TestCertificates.authority("Facteur outbound test CA");
        Path caFile = ca.writePem(data.resolve("outbound-ca.pem"));
        good = new TlsSmtpServer(ca.issue("mx.good.test").serverContext(), new InetSocketAddress("127.0.0.31", 25));
        selfSigned = new TlsSmtpServer(TestCertificates.selfSigned("mx.bad.test", "mx.lax.test").serverContext(),
                new InetSocketAddress("127.0.0.33", 25));
        other = new TlsSmtpServer(ca.issue("mx.other.test").serverContext(), new InetSocketAddress("127.0.0.34", 25));
        wrongName = new TlsSmtpServer(ca.issue("mx.elsewhere.test").serverContext(), new InetSocketAddress("127.0.0.35", 25));
        noTls = new TlsSmtpServer(null, new InetSocketAddress("127.0.0.36", 25));
        policyHost = HttpsServer.create(new InetSocketAddress("127.0.0.32", 443), 10);
        policyHost.setHttpsConfigurator(new HttpsConfigurator(ca.issue(POLICIES.keySet().toArray(String[]::new)).serverContext()));
        policyHost.createContext("/.well-known/mta-sts.txt", exchange -> {
            String host = exchange.getRequestHeaders().getFirst("Host");
            byte[] body = POLICIES.getOrDefault(host, "").getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        policyHost.start();
        Map<String, String> mx = Map.of("good.test", "mx.good.test", "bad.test", "mx.bad.test", "lax.test", "mx.lax.test",
                "unlisted.test", "mx.other.test", "wrongname.test", "mx.wrongname.test", "notls.test", "mx.notls.test");
        Map<String, String> addresses = Map.of("mx.good.test", "127.0.0.31", "mx.bad.test", "127.0.0.33",
                "mx.lax.test", "127.0.0.33", "mx.other.test", "127.0.0.34", "mx.wrongname.test", "127.0.0.35",
                "mx.notls.test", "127.0.0.36");
        List<String> options = new java.util.ArrayList<>();
        mx.forEach((domain, host) -> options.add("--mx-host=" + domain + "," + host + ",10"));
        addresses.forEach((host, ip) -> options.add("--host-record=" + host + "," + ip));
        POLICIES.keySet().forEach(host -> options.add("--host-record=" + host + ",127.0.0.32"));
        for (Map.Entry<String, String> a : addresses.entrySet()) {
            TestHostsResolverProvider.add(a.getKey(), a.getValue());
        }
        dns = Dnsmasq.start(List.of("test"), Map.of("_mta-sts.good.test", "v=STSv1; id=g1", "_mta-sts.bad.test", "v=STSv1; id=b1",
                "_mta-sts.lax.test", "v=STSv1; id=l1", "_mta-sts.unlisted.test", "v=STSv1; id=u1",
                "_mta-sts.wrongname.test", "v=STSv1; id=w1", "_mta-sts.notls.test", "v=STSv1; id=n1"), 0, options);
        MailServerSettings s = TestMailServers.settings(data).withDnsServers(DnsServers.parse(dns.server()));
        MailServerSettings settings = TestMailServers.withOutbound(s, new MailServerSettings.Outbound(Optional.empty(), List.of(),
                List.of(Duration.ofSeconds(1)), 20, true, Optional.of(caFile)));
        server = FacteurMailServer.start(settings);
        server.admin().addDomain("example.org");
        server.admin().addUser(ALICE, PASSWORD);
        client = new MailClient(settings.ports());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        policyHost.stop(0);
        for (TlsSmtpServer s : new TlsSmtpServer[] {good, selfSigned, other, wrongName, noTls}) {
            s.close();
        }
        dns.close();
    }

    private static void send(String to, String subject) throws Exception {
        client.submit(ALICE, PASSWORD, client.message(ALICE, to, subject, "MTA-STS"));
    }

    private static List<TlsSmtpServer.Received> to(TlsSmtpServer remote, String recipient) {
        return remote.messages().stream().filter(m -> m.recipients().contains(recipient)).toList();
    }

    @Test
    void anEnforceDomainWhoseMxHasAValidCertificateGetsTheMailOverTls() throws Exception {
        send("bob@good.test", "Enforced and valid");
        await().atMost(Duration.ofSeconds(40)).until(() -> !to(good, "bob@good.test").isEmpty());
        assertThat(to(good, "bob@good.test").getFirst().overTls()).isTrue();
    }

    @Test
    void anEnforceDomainWhoseMxCertificateIsSelfSignedDoesNotGetTheMailWhichWaitsForARetry() throws Exception {
        assertKeptForRetry("carol@bad.test", selfSigned, selfSigned::failedHandshakes);
    }

    @Test
    void aTestingDomainWithTheSameSelfSignedMxGetsTheMail() throws Exception {
        send("dave@lax.test", "Testing mode");
        await().atMost(Duration.ofSeconds(40)).until(() -> !to(selfSigned, "dave@lax.test").isEmpty());
        assertThat(to(selfSigned, "dave@lax.test").getFirst().overTls()).isTrue();
    }

    @Test
    void anMxTheEnforcePolicyDoesNotNameIsNotUsed() throws Exception {
        send("erin@unlisted.test", "Unlisted MX");
        // the good domain's mail sent after it arrives: the spooler and the queue have moved past this one
        send("frank@good.test", "After the unlisted one");
        await().atMost(Duration.ofSeconds(40)).until(() -> !to(good, "frank@good.test").isEmpty());
        Thread.sleep(3000);
        assertThat(other.connections()).isZero();
        assertThat(client.subjects(ALICE, PASSWORD, "INBOX")).as("no DSN: a temporary failure").isEmpty();
    }

    @Test
    void anEnforceDomainWhoseMxCertificateNamesAnotherHostDoesNotGetTheMail() throws Exception {
        assertKeptForRetry("grace@wrongname.test", wrongName, wrongName::failedHandshakes);
    }

    @Test
    void anEnforceDomainWhoseMxOffersNoStartTlsDoesNotGetTheMailInClear() throws Exception {
        assertKeptForRetry("heidi@notls.test", noTls, noTls::connections);
    }

    /**
     * Sends to this recipient and waits for two refused attempts at its MX (the first and a retry): nothing delivered
     * there, and no DSN (a temporary failure, RFC 8461 §5).
     */
    private static void assertKeptForRetry(String recipient, TlsSmtpServer remote, java.util.function.IntSupplier attempts)
            throws Exception {
        int before = attempts.getAsInt();
        send(recipient, "To " + recipient);
        await().atMost(Duration.ofSeconds(60)).until(() -> attempts.getAsInt() >= before + 2);
        assertThat(to(remote, recipient)).isEmpty();
        assertThat(client.subjects(ALICE, PASSWORD, "INBOX")).as("no DSN: a temporary failure").isEmpty();
    }
}
