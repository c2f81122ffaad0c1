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
import java.util.Map;
import java.util.regex.Matcher;

import org.facteur.app.FacteurProcess;
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
 * killed with SIGKILL, and her next page, which HAProxy sends to the other node, is still her mailbox: no new login;
 * the name, signature, correspondent and OpenPGP key (with its recovery-kit reminder) she saved through the dead node
 * are there too (kept in the shared database).
 */
class WebmailNodeSwitchIT {
    static final String PASSWORD = "S3cret-pass";

    @TempDir
    static Path dir;
    static TestRedis redis;
    static String prefix;
    static HaproxyCluster cluster;
    static Map<String, FacteurProcess> nodes;
    static int HTTPS;
    static Map<Integer, Integer> FRONT;

    @BeforeAll
    static void start() throws Exception {
        redis = TestRedis.shared();
        prefix = TestRedis.freshPrefix();
        cluster = HaproxyCluster.start(dir, Map.of("FACTEUR_REDIS_URI", redis.uri().toString(),
                "FACTEUR_REDIS_KEY_PREFIX", prefix), PASSWORD);
        nodes = cluster.nodes;
        FRONT = cluster.front;
        HTTPS = FRONT.get(443);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (redis != null) {
            redis.deleteKeys(prefix);
        }
    }

    @Test
    void herSessionAndSettingsSurviveTheDeathOfHerNode() throws Exception {
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
        HttpResponse<String> saved = post(browser, "/settings", "displayName=" + enc("Alice Martin") + "&signature="
                + enc("Trésorière — ASBL Les Amis"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        HttpResponse<String> sent = post(browser, "/compose", "to=" + enc("Élise Dupont <alice@example.org>")
                + "&subject=" + enc("to my book") + "&body=" + enc("Hello."));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        HttpResponse<String> pgp = post(browser, "/settings/encryption/on", "passphrase=" + enc("une phrase de passe assez longue 42")
                + "&repeat=" + enc("une phrase de passe assez longue 42"));
        assertThat(pgp.statusCode()).as(pgp.body()).isEqualTo(302);
        assertThat(get(browser, "/settings/encryption").body()).contains("OpenPGP setup is not finished");
        assertThat(nodeCookie(cookies)).as("all through one node").isEqualTo(first);

        nodes.get(first).kill9();
        HttpResponse<String> after = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> get(browser, "/mail"), r -> r.statusCode() < 500);   // 502/503 until HAProxy sees it down
        assertThat(after.statusCode()).as("no login page: %s", after.headers().map()).isEqualTo(200);
        assertThat(nodeCookie(cookies)).as("HAProxy sent her to the other node").isNotEqualTo(first);
        assertThat(after.body()).contains("alice@example.org", "before the switch");
        assertThat(get(browser, "/settings").body()).as("her settings, saved through the dead node")
                .contains("value=\"Alice Martin\"", "Trésorière — ASBL Les Amis");
        assertThat(get(browser, "/contacts/complete?q=elise").body()).as("her address book, recorded by the dead node")
                .contains("alice@example.org", "Élise Dupont");
        assertThat(get(browser, "/settings/encryption").body()).as("her key, and the reminder to download its recovery kit")
                .contains("OpenPGP setup is not finished");
    }

    /** A form posted as the browser posts it, with the CSRF token of the settings page. */
    static HttpResponse<String> post(HttpClient browser, String path, String form) throws IOException, InterruptedException {
        Matcher token = HaproxyIT.CSRF.matcher(get(browser, "/settings").body());
        assertThat(token.find()).as("a CSRF token on the settings page").isTrue();
        return browser.send(HttpRequest.newBuilder(front(path)).header("Accept-Language", "en")
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + enc(token.group(1)))).build(),
                HttpResponse.BodyHandlers.ofString());
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
