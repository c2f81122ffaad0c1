package org.facteur.app.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import org.facteur.app.FacteurProcess;
import org.facteur.lists.testing.PostgresServer;
import org.facteur.mailserver.SmtpDialogue;
import org.facteur.mailserver.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14's acceptance line for the webmail: two packaged Facteur nodes on one PostgreSQL and one Redis
 * ({@code FACTEUR_REDIS_URI}: shared web sessions), a real HAProxy in front of them from a copy of the shipped
 * {@code deploy/haproxy/haproxy.cfg} (checks every half second here). A member logs in through HAProxy, her node is
 * killed with SIGKILL, and her next page, which HAProxy sends to the other node, is still her mailbox: no new login.
 */
class WebmailNodeSwitchIT {
    static final String PASSWORD = "S3cret-pass";

    @TempDir
    static Path dir;
    static PostgresServer postgres;
    static TestRedis redis;
    static String prefix;
    static final Map<String, FacteurProcess> nodes = new HashMap<>();
    static Process haproxy;
    static Path haproxyLog;
    static final int HTTPS = FacteurProcess.freePort();
    static final Map<Integer, Integer> FRONT = Map.of(443, HTTPS, 80, FacteurProcess.freePort(),
            25, FacteurProcess.freePort(), 587, FacteurProcess.freePort(), 465, FacteurProcess.freePort(),
            143, FacteurProcess.freePort(), 993, FacteurProcess.freePort());

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        redis = TestRedis.shared();
        prefix = TestRedis.freshPrefix();
        Map<String, String> shared = Map.of("FACTEUR_DATABASE_URL", postgres.url(postgres.newDatabaseName()),
                "FACTEUR_DATABASE_USER", postgres.user(), "FACTEUR_REDIS_URI", redis.uri().toString(),
                "FACTEUR_REDIS_KEY_PREFIX", prefix, "FACTEUR_PROXY_PROTOCOL", "true",
                "FACTEUR_TRUSTED_PROXIES", "127.0.0.1/32");
        for (String name : List.of("node1", "node2")) {
            Map<String, String> env = new HashMap<>(shared);
            env.put("FACTEUR_NODE_NAME", name);
            nodes.put(name, new FacteurProcess(dir.resolve(name), env).start());
            if (name.equals("node1")) {
                FacteurProcess first = nodes.get(name);
                assertThat(first.admin("domain", "add", "example.org").exitCode()).isZero();
                assertThat(first.admin("user", "add", "alice@example.org", "--password", PASSWORD).exitCode()).isZero();
            }
        }
        ShippedHaproxyConfig config = ShippedHaproxyConfig.read()
                .withCertificate(ShippedHaproxyConfig.selfSignedPem(dir))
                .replaceAll("^\\s*(chroot|user|group|daemon|stats socket)\\b.*\\n", m -> "")
                .replace("log /dev/log local0", "log stdout format raw local0")
                .replace("default-server inter 5s fall 3 rise 2", "default-server inter 500ms fall 2 rise 1")
                .replaceAll("^(\\s*bind ):(\\d+)", m -> m.group(1) + "127.0.0.1:" + FRONT.get(Integer.parseInt(m.group(2))))
                .replaceAll("^\\s*server node3 .*\\n", m -> "");
        for (var node : nodes.entrySet()) {
            FacteurProcess f = node.getValue();
            Map<Integer, Integer> ports = Map.of(2525, f.smtp, 2587, f.submission, 2465, f.smtps, 2143, f.imap,
                    2993, f.imaps, 8080, f.http);
            config.replaceAll("^(\\s*server " + node.getKey() + " )10\\.0\\.0\\.1\\d:(\\d+)",
                    m -> m.group(1) + "127.0.0.1:" + ports.get(Integer.parseInt(m.group(2))));
        }
        Path cfg = config.writeTo(dir);
        FacteurProcess.Result check = ShippedHaproxyConfig.check(cfg);
        assertThat(check.exitCode()).as(check.out()).isZero();
        haproxyLog = dir.resolve("haproxy.log");
        haproxy = new ProcessBuilder(ShippedHaproxyConfig.HAPROXY.toString(), "-db", "-f", cfg.toString())
                .redirectErrorStream(true).redirectOutput(haproxyLog.toFile()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        }
        for (FacteurProcess node : nodes.values()) {
            node.close();
        }
        if (redis != null) {
            redis.deleteKeys(prefix);
        }
    }

    @Test
    void herSessionSurvivesTheDeathOfHerNode() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().sslContext(HaproxyIT.trustAll()).cookieHandler(cookies)
.connectTimeout(Duration.ofSeconds(10)).build();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> get(browser, "/health").statusCode() == 200);
        try (SmtpDialogue mx = new SmtpDialogue(FRONT.get(25), "127.0.0.7")) {
            assertThat(mx.greetAndEhlo()).startsWith("250");
            mx.sendMessage("someone@elsewhere.test", "alice@example.org", "Subject: before the switch\r\n\r\nHello.");
        }

        HttpResponse<String> form = get(browser, "/login");
        Matcher token = HaproxyIT.CSRF.matcher(form.body());
        assertThat(token.find()).as(form.body()).isTrue();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(front("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc("alice@example.org") + "&password=" + enc(PASSWORD)
                        + "&_csrf=" + enc(token.group(1)))).build(), HttpResponse.BodyHandlers.ofString());
        // redirects name the public port (443) that HAProxy stands for: read, not followed
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(URI.create(login.headers().firstValue("Location").orElseThrow()).getPath()).as("logged in").isEqualTo("/mail");
        String first = nodeCookie(cookies);
        assertThat(first).isIn("node1", "node2");
        await().atMost(Duration.ofSeconds(30)).until(() -> get(browser, "/mail").body().contains("before the switch"));

        nodes.get(first).kill9();
        HttpResponse<String> after = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> get(browser, "/mail"), r -> r.statusCode() < 500);   // 502/503 until HAProxy sees it down
        assertThat(after.statusCode()).as("no login page: %s", after.headers().map()).isEqualTo(200);
        assertThat(nodeCookie(cookies)).as("HAProxy sent her to the other node").isNotEqualTo(first);
        assertThat(after.body()).contains("alice@example.org", "before the switch");
    }

    static HttpResponse<String> get(HttpClient browser, String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(front(path)).header("Accept-Language", "en")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String nodeCookie(CookieManager cookies) {
        return cookies.getCookieStore().get(front("/")).stream().filter(c -> c.getName().equals("FACTEUR_NODE"))
                .map(HttpCookie::getValue).findFirst().orElse("");
    }

    static URI front(String path) {
        return URI.create("https://127.0.0.1:" + HTTPS + path);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
