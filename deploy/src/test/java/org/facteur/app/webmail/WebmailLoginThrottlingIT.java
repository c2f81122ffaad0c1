package org.facteur.app.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.InetAddress;
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
import java.util.regex.Pattern;

import org.facteur.app.FacteurProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webmail's login through the packaged Facteur and real HTTP: only 127.0.0.1 is a trusted proxy
 * (FACTEUR_TRUSTED_PROXIES), so requests from 127.0.0.1 stand for a reverse proxy and requests from 127.0.0.2
 * for a client that reaches the port directly. The mail server does the throttling: the webmail passes it
 * the client's address.
 */
class WebmailLoginThrottlingIT {
    static final String PROXY = "127.0.0.1";
    static final String DIRECT = "127.0.0.2";
    static final String PASSWORD = "S3cret-pass";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path data;
    static FacteurProcess facteur;

    @BeforeAll
    static void start() throws Exception {
        facteur = new FacteurProcess(data, Map.of("FACTEUR_TRUSTED_PROXIES", "127.0.0.1/32")).start();
        assertThat(facteur.admin("domain", "add", "example.org").exitCode()).isZero();
        for (String user : new String[] {"alice", "carol"}) {
            assertThat(facteur.admin("user", "add", user + "@example.org", "--password", PASSWORD).exitCode()).isZero();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        facteur.close();
    }

    /** One browser: its own cookies, connecting from {@code from}, optionally with forwarded headers. */
    record Browser(HttpClient http, Map<String, String> forwarded) {
        static Browser from(String address, Map<String, String> forwarded) throws Exception {
            return new Browser(HttpClient.newBuilder().localAddress(InetAddress.getByName(address))
                    .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build(), forwarded);
        }

        HttpResponse<String> get(String path) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + facteur.http + path))
                    .timeout(Duration.ofSeconds(30));
            forwarded.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Posts the login form; returns where the webmail sends the browser next. */
        String logIn(String address, String password) throws Exception {
            Matcher token = CSRF.matcher(get("/login").body());
            assertThat(token.find()).as("CSRF token on the login page").isTrue();
            String form = "username=" + URLEncoder.encode(address, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                    + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + facteur.http + "/login"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            forwarded.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(302);
            URI next = URI.create(response.headers().firstValue("Location").orElseThrow());
            return next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
        }
    }

    @Test
    void anAttackerBehindTheProxyIsThrottledWhileTheOwnerStillLogsIn() throws Exception {
        for (int i = 0; i < 5; i++) {
            // The left-most entry is whatever the attacker sent; the proxy appended the address it saw.
            Browser attacker = Browser.from(PROXY, Map.of("X-Forwarded-For", "10.66.0." + i + ", 203.0.113.7"));
            assertThat(attacker.logIn("alice@example.org", "guess-" + i)).isEqualTo("/login?error");
        }
        Browser attacker = Browser.from(PROXY, Map.of("X-Forwarded-For", "10.66.0.99, 203.0.113.7"));
        assertThat(attacker.logIn("alice@example.org", PASSWORD)).as("right password, but locked").isEqualTo("/login?throttled");
        assertThat(attacker.get("/login?throttled").body()).contains("Too many failed attempts.");

        Browser owner = Browser.from(PROXY, Map.of("X-Forwarded-For", "198.51.100.9"));
        assertThat(owner.logIn("alice@example.org", PASSWORD)).isEqualTo("/mail");
    }

    @Test
    void forwardedHeadersFromAClientThatIsNotATrustedProxyAreIgnored() throws Exception {
        for (int i = 0; i < 20; i++) {
            Browser sprayer = Browser.from(DIRECT, Map.of("X-Forwarded-For", "192.0.2." + (i + 1)));
            assertThat(sprayer.logIn("nobody" + i + "@example.org", "Summer2026!")).as("guess %d", i).isEqualTo("/login?error");
        }
        Browser sprayer = Browser.from(DIRECT, Map.of("X-Forwarded-For", "192.0.2.200"));
        assertThat(sprayer.logIn("carol@example.org", PASSWORD)).isEqualTo("/login?throttled");

        Browser spoofedTls = Browser.from(DIRECT, Map.of("X-Forwarded-Proto", "https"));
        assertThat(spoofedTls.get("/login").headers().firstValue("Set-Cookie").orElseThrow())
                .contains("HttpOnly").doesNotContain("Secure");
        Browser realProxy = Browser.from(PROXY, Map.of("X-Forwarded-Proto", "https"));
        assertThat(realProxy.get("/login").headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
    }
}
