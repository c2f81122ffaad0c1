package org.facteur.app.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.dkim.Dkimpy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 3 against the packaged jar: a post reaches each member in a copy of its own (own Return-Path, own
 * one-click link, DKIM-signed over both unsubscribe headers, and the archive's {@code List-Archive} and
 * {@code Archived-At}, for a remote member), a GET shows a page and unsubscribes nobody, a POST of
 * {@code List-Unsubscribe=One-Click} without login or CSRF token unsubscribes that member from that list only, a spent
 * or made-up token gets 404, and the page's button works in Chromium.
 */
class OneClickUnsubscribeIT {
    private static final String PASS = "S3cret-pass";
    @RegisterExtension
    static final GreenMailExtension remote = new GreenMailExtension(new ServerSetup(FacteurProcess.freePort(), "127.0.0.1", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication()).withPerMethodLifecycle(false);
    @TempDir
    static Path data;
    static FacteurProcess facteur;
    static MailClient client;
    static String publicUrl;

    @BeforeAll
    static void start() throws Exception {
        facteur = new FacteurProcess(data, Map.of("FACTEUR_ROUTES", "remote.test=127.0.0.1:" + remote.getSmtp().getPort()));
        publicUrl = "http://127.0.0.1:" + facteur.http;
        facteur.env.put("FACTEUR_PUBLIC_URL", publicUrl);
        facteur.start();
        ok(facteur.admin("domain", "add", "example.org"));
        for (String user : new String[] {"alice", "ann", "bob"}) {
            ok(facteur.admin("user", "add", user + "@example.org", "--password", PASS));
        }
        ok(facteur.admin("list", "create", "team@example.org", "--owner", "alice@example.org", "--no-subscribe-owner"));
        ok(facteur.admin("list", "create", "other@example.org", "--owner", "alice@example.org", "--no-subscribe-owner"));
        for (String member : new String[] {"ann@example.org", "bob@example.org", "carol@remote.test"}) {
            ok(facteur.admin("list", "add-member", "team@example.org", member));
        }
        ok(facteur.admin("list", "add-member", "other@example.org", "ann@example.org"));
        client = new MailClient(facteur.ports());
    }

    @AfterAll
    static void stop() throws Exception {
        if (facteur != null) {
            facteur.close();
        }
    }

    @Test
    void eachMemberGetsAnOwnLinkThatUnsubscribesOnlyThemAndOnlyByPost() throws Exception {
        post("team@example.org", "First post");
        MimeMessage ann = local("ann", "[team] First post");
        MimeMessage bob = local("bob", "[team] First post");
        String annToken = token(ann);
        String bobToken = token(bob);
        assertThat(annToken).isNotEqualTo(bobToken);
        assertThat(ann.getHeader("Return-Path")).containsExactly("<team-owner+" + annToken + "@example.org>");
        assertThat(bob.getHeader("Return-Path")).containsExactly("<team-owner+" + bobToken + "@example.org>");
        for (MimeMessage copy : new MimeMessage[] {ann, bob}) {
            assertThat(copy.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        }

        // the remote member's copy is signed over both unsubscribe headers (RFC 8058 section 4) and verifies
        await().atMost(Duration.ofSeconds(60)).until(() -> remote.getReceivedMessages().length >= 1);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        remote.getReceivedMessages()[0].writeTo(raw);
        String carol = raw.toString(StandardCharsets.UTF_8);
        assertThat(carol).containsPattern("List-Unsubscribe: <" + Pattern.quote(publicUrl) + "/lists/u/[a-z2-7]{26}>, "
                + "<mailto:team-unsubscribe@example.org>").doesNotContain(annToken).doesNotContain(bobToken);
        Matcher signedHeaders = Pattern.compile("\\bh=([^;]+);").matcher(carol.replaceAll("\\r\\n[ \\t]+", " "));
        assertThat(signedHeaders.find()).isTrue();
        assertThat(Arrays.asList(signedHeaders.group(1).replace(" ", "").split(":")))
                .contains("list-unsubscribe", "list-unsubscribe-post", "list-archive", "archived-at");
        assertThat(carol).containsPattern("Archived-At: <" + Pattern.quote(publicUrl) + "/lists/archive/team@example.org/post/[0-9a-f-]{36}>");
        FacteurProcess.Result dns = facteur.admin("dns", "example.org");
        assertThat(Dkimpy.verify(raw.toByteArray(), Dkimpy.txtRecords(dns.out().lines().toList()))).containsExactly(true, true);

        // a GET (a link scanner, a preview) shows the page and unsubscribes nobody
        HttpResponse<String> page = http("GET", "/lists/u/" + annToken, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("a***@example.org").contains("team").contains("name=\"List-Unsubscribe\" value=\"One-Click\"")
                .doesNotContain("ann@example.org");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
        assertThat(members("team@example.org")).contains("ann@example.org  subscriber  mail");

        // a POST without the one-click field changes nothing; made-up tokens are 404 for GET and POST
        assertThat(http("POST", "/lists/u/" + annToken, "").statusCode()).isEqualTo(400);
        assertThat(http("GET", "/lists/u/" + "a".repeat(26), null).statusCode()).isEqualTo(404);
        HttpResponse<String> garbage = http("POST", "/lists/u/not-a-token", "List-Unsubscribe=One-Click");
        assertThat(garbage.statusCode()).isEqualTo(404);
        assertThat(garbage.body()).contains("not valid");
        assertThat(members("team@example.org")).contains("ann@example.org  subscriber  mail");

        // the one-click POST a mail provider sends: no cookie, no CSRF token, no login
        HttpResponse<String> done = http("POST", "/lists/u/" + annToken, "List-Unsubscribe=One-Click");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("unsubscribed");
        assertThat(members("team@example.org")).doesNotContain("ann@example.org").contains("bob@example.org  subscriber  mail");
        assertThat(members("other@example.org")).contains("ann@example.org  subscriber  mail");
        local("ann", "You left team");

        // ann's spent token does nothing more, here or on her other list
        assertThat(http("POST", "/lists/u/" + annToken, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
        assertThat(http("GET", "/lists/u/" + annToken, null).statusCode()).isEqualTo(404);
        assertThat(members("other@example.org")).contains("ann@example.org  subscriber  mail");

        post("team@example.org", "Second post");
        local("bob", "[team] Second post");
        post("other@example.org", "Other post");
        local("ann", "[other] Other post");
        assertThat(client.subjects("ann@example.org", PASS, "INBOX")).doesNotContain("[team] Second post");

        // the page's own button, pressed in Chromium under the page's Content-Security-Policy, posts the same
        Matcher carolLink = Pattern.compile("<(" + Pattern.quote(publicUrl) + "/lists/u/[a-z2-7]{26})>").matcher(carol);
        assertThat(carolLink.find()).isTrue();
        String pressed = Browser.pressTheOnlyButton(carolLink.group(1), "Unsubscribed");
        assertThat(pressed).contains("c***@remote.test is unsubscribed from the list team");
        assertThat(members("team@example.org")).doesNotContain("carol@remote.test").contains("bob@example.org  subscriber  mail");
    }

    private static void post(String list, String subject) throws Exception {
        client.submit("alice@example.org", PASS, client.message("alice@example.org", list, subject, "Hello members.\r\n"));
    }

    private static MimeMessage local(String user, String subject) throws Exception {
        byte[] raw = client.raw(user + "@example.org", PASS, subject);
        return new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(raw));
    }

    /** The token of the copy's one-click link, checking the whole List-Unsubscribe value on the way. */
    private static String token(MimeMessage copy) throws Exception {
        String value = copy.getHeader("List-Unsubscribe", null);
        Matcher m = Pattern.compile("^<" + Pattern.quote(publicUrl) + "/lists/u/([a-z2-7]{26})>, <mailto:team-unsubscribe@example.org>$")
                .matcher(value);
        assertThat(m.matches()).as(value).isTrue();
        return m.group(1);
    }

    private static String members(String list) throws Exception {
        FacteurProcess.Result result = facteur.admin("list", "members", list);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out();
    }

    private static HttpResponse<String> http(String method, String path, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(publicUrl + path)).timeout(Duration.ofSeconds(20));
        if (form == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void ok(FacteurProcess.Result result) {
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    }
}
