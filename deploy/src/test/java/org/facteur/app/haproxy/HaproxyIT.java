package org.facteur.app.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.SmtpDialogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HAProxy, run from a copy of the shipped {@code deploy/haproxy/haproxy.cfg} (loopback addresses, free ports,
 * one node: the packaged Facteur), in front of Facteur with {@code FACTEUR_PROXY_PROTOCOL=true}. Only 127.0.0.1 (where
 * HAProxy connects from, and the webmail) is a trusted proxy; clients bind other loopback addresses (127.0.0.7, …) to
 * be other clients.
 */
class HaproxyIT {
    static final String PASSWORD = "S3cret-pass";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path dir;
    static FacteurProcess facteur;
    static Process haproxy;
    static Path haproxyLog;
    /** HAProxy's front-end port for each standard port of the shipped file. */
    static final Map<Integer, Integer> FRONT = Map.of(443, FacteurProcess.freePort(), 80, FacteurProcess.freePort(),
            25, FacteurProcess.freePort(), 587, FacteurProcess.freePort(), 465, FacteurProcess.freePort(),
            143, FacteurProcess.freePort(), 993, FacteurProcess.freePort());

    @BeforeAll
    static void start() throws Exception {
        facteur = new FacteurProcess(dir.resolve("data"), Map.of("FACTEUR_PROXY_PROTOCOL", "true",
                "FACTEUR_TRUSTED_PROXIES", "127.0.0.1/32")).start();
        assertThat(facteur.admin("domain", "add", "example.org").exitCode()).isZero();
        for (String user : new String[] {"alice", "bob", "carol"}) {
            assertThat(facteur.admin("user", "add", user + "@example.org", "--password", PASSWORD).exitCode()).isZero();
        }
        // Facteur's default ports, as the shipped file names them, to this node's ports.
        Map<Integer, Integer> node = Map.of(2525, facteur.smtp, 2587, facteur.submission, 2465, facteur.smtps,
                2143, facteur.imap, 2993, facteur.imaps, 8080, facteur.http);
        Path cfg = ShippedHaproxyConfig.read()
                .withCertificate(ShippedHaproxyConfig.selfSignedPem(dir))
                // A test process: no chroot, no privileges to drop, no syslog, no admin socket, in the foreground.
                .replaceAll("^\\s*(chroot|user|group|daemon|stats socket)\\b.*\\n", m -> "")
                .replace("log /dev/log local0", "log stdout format raw local0")
                .replaceAll("^(\\s*bind ):(\\d+)", m -> m.group(1) + "127.0.0.1:" + FRONT.get(Integer.parseInt(m.group(2))))
                .replaceAll("^(\\s*server node1 )10\\.0\\.0\\.11:(\\d+)", m -> m.group(1) + "127.0.0.1:" + node.get(Integer.parseInt(m.group(2))))
                .replaceAll("^\\s*server node[23] .*\\n", m -> "")
                .writeTo(dir);
        FacteurProcess.Result check = ShippedHaproxyConfig.check(cfg);
        assertThat(check.exitCode()).as(check.out()).isZero();
        haproxyLog = dir.resolve("haproxy.log");
        haproxy = new ProcessBuilder(ShippedHaproxyConfig.HAPROXY.toString(), "-db", "-f", cfg.toString())
                .redirectErrorStream(true).redirectOutput(haproxyLog.toFile()).start();
        awaitSmtpGreetingThroughHaproxy();
    }

    static void awaitSmtpGreetingThroughHaproxy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            assertThat(haproxy.isAlive()).as("HAProxy runs: %s", log(haproxyLog)).isTrue();
            try (SmtpDialogue smtp = new SmtpDialogue(FRONT.get(25), "127.0.0.1")) {
                last = smtp.reply();
                if (last.startsWith("220 ")) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no SMTP greeting through HAProxy (" + last + "): " + log(haproxyLog));
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        }
        if (facteur != null) {
            facteur.close();
        }
    }

    static String log(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void theReceivedHeaderOfMailThroughHaproxyNamesTheClientNotHaproxy() throws Exception {
        try (SmtpDialogue mx = new SmtpDialogue(FRONT.get(25), "127.0.0.7")) {
            assertThat(mx.greetAndEhlo()).startsWith("250");
            mx.sendMessage("someone@elsewhere.test", "alice@example.org", "Subject: through HAProxy\r\n\r\nHello.");
        }
        try (ImapDialogue imap = new ImapDialogue(FRONT.get(143), "127.0.0.9")) {
            assertThat(imap.login("alice@example.org", PASSWORD)).startsWith("OK");
            assertThat(imap.selectWhenItHolds("INBOX", 1)).contains("* 1 EXISTS");
            String received = imap.command("FETCH 1 BODY.PEEK[HEADER.FIELDS (RECEIVED)]");
            assertThat(received).contains("[127.0.0.7]").doesNotContain("127.0.0.1");
        }
    }

    @Test
    void failedImapLoginsThroughHaproxyLockTheClientsAddressNotHaproxys() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (ImapDialogue attacker = new ImapDialogue(FRONT.get(143), "127.0.0.7")) {
                assertThat(attacker.login("bob@example.org", "guess-" + i)).startsWith("NO [AUTHENTICATIONFAILED]");
            }
        }
        try (ImapDialogue attacker = new ImapDialogue(FRONT.get(143), "127.0.0.7")) {
            assertThat(attacker.login("bob@example.org", PASSWORD)).startsWith("NO [UNAVAILABLE]");
        }
        // Through the same HAProxy (so from 127.0.0.1 at Facteur), another client is not locked out.
        try (ImapDialogue owner = new ImapDialogue(FRONT.get(143), "127.0.0.8")) {
            assertThat(owner.login("bob@example.org", PASSWORD)).startsWith("OK");
        }
        assertThat(facteur.log()).contains("IMAP login failed for bob@example.org from 127.0.0.7")
                .doesNotContain("IMAP login failed for bob@example.org from 127.0.0.1");
    }

    @Test
    void aDirectConnectionWithoutProxyHeaderIsRefused() throws Exception {
        try (Socket direct = new Socket(InetAddress.getByName("127.0.0.1"), facteur.smtp, InetAddress.getByName("127.0.0.1"), 0)) {
            direct.setSoTimeout(30_000);
            direct.getOutputStream().write("EHLO direct.test\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(direct.getInputStream().read()).as("closed without a greeting").isEqualTo(-1);
        }
        try (Socket untrusted = new Socket(InetAddress.getByName("127.0.0.1"), facteur.imap, InetAddress.getByName("127.0.0.7"), 0)) {
            untrusted.setSoTimeout(30_000);
            assertThat(untrusted.getInputStream().read()).as("closed without a greeting").isEqualTo(-1);
        }
        String log = "";
        for (int i = 0; i < 50 && !(log.contains("did not begin with a PROXY protocol header")
                && log.contains("Refused a connection from 127.0.0.7")); i++) {
            Thread.sleep(100);
            log = facteur.log();
        }
        assertThat(log).contains("Closed the connection from 127.0.0.1 on port " + facteur.smtp
                + ": it did not begin with a PROXY protocol header");
        assertThat(log).contains("Refused a connection from 127.0.0.7 on port " + facteur.imap);
    }

    @Test
    void theWebmailAnswersThroughHaproxysHttpsFrontEnd() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(trustAll()).cookieHandler(new CookieManager())
                .localAddress(InetAddress.getByName("127.0.0.7")).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> health = https.send(HttpRequest.newBuilder(front("/health")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");

        // A login through HAProxy: the webmail's own IMAP connection sends "PROXY UNKNOWN" to the mail port.
        HttpResponse<String> page = https.send(HttpRequest.newBuilder(front("/login")).build(), HttpResponse.BodyHandlers.ofString());
        // The session cookie is Secure: the webmail believed HAProxy's X-Forwarded-Proto.
        assertThat(page.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).isTrue();
        HttpResponse<String> login = https.send(HttpRequest.newBuilder(front("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode("carol@example.org", StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(URI.create(login.headers().firstValue("Location").orElseThrow()).getPath()).as("logged in").isEqualTo("/mail");
        // The inbox page: the webmail's IMAP session (its connection to a PROXY-protocol port) works.
        HttpResponse<String> inbox = https.send(HttpRequest.newBuilder(front("/mail")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains("carol@example.org");
    }

    static URI front(String path) {
        return URI.create("https://127.0.0.1:" + FRONT.get(443) + path);
    }

    static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new SmtpDialogue.TrustAll()}, null);
        return context;
    }
}
