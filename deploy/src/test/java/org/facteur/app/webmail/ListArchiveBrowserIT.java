package org.facteur.app.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.facteur.app.webmail.WebmailBrowserIT.ALICE;
import static org.facteur.app.webmail.WebmailBrowserIT.ALICE_PASSWORD;
import static org.facteur.app.webmail.WebmailBrowserIT.BOB;
import static org.facteur.app.webmail.WebmailBrowserIT.BOB_PASSWORD;
import static org.facteur.app.webmail.WebmailBrowserIT.CAROL;
import static org.facteur.app.webmail.WebmailBrowserIT.browser;
import static org.facteur.app.webmail.WebmailBrowserIT.facteur;
import static org.facteur.app.webmail.WebmailBrowserIT.logIn;
import static org.facteur.app.webmail.WebmailBrowserIT.mail;
import static org.facteur.app.webmail.WebmailBrowserIT.url;
import static org.facteur.app.webmail.WebmailBrowserIT.waiting;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.facteur.app.FacteurProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A list's archive in real Chromium against the packaged Facteur with a public URL (issue 11 item 5): posts sent to a
 * list over SMTP are archived; the delivered copy carries {@code List-Archive} and {@code Archived-At}, and that URL
 * opens the post for a member (after the login page for a visitor); the search box finds a word of a post; a
 * logged-in non-member gets 403 and a sentence on the members-only archive; the owner removes a post with its button
 * and it is gone from search and from its URL. Shares {@link WebmailBrowserIT}'s fixture (alice, bob, carol).
 */
class ListArchiveBrowserIT {
    static final String TEAM = "team@example.org";
    static String publicUrl;

    @BeforeAll
    static void start() throws Exception {
        int http = FacteurProcess.freePort();
        publicUrl = "http://127.0.0.1:" + http;
        WebmailBrowserIT.start(Map.of("FACTEUR_HTTP_PORT", Integer.toString(http), "FACTEUR_PUBLIC_URL", publicUrl));
        ok(facteur.admin("list", "create", TEAM, "--owner", ALICE)); // members-only archive: the default
        ok(facteur.admin("list", "add-member", TEAM, BOB));
    }

    @AfterAll
    static void stop() throws Exception {
        WebmailBrowserIT.stop();
    }

    @Test
    void postsAreArchivedLinkedFromTheCopyFoundBySearchClosedToNonMembersAndRemovedByTheOwner() throws Exception {
        mail.submit(ALICE, ALICE_PASSWORD, mail.message(ALICE, TEAM, "Garden party",
                "The garden party is on Saturday: bring marrows and lemonade.\r\n"));
        await().atMost(Duration.ofSeconds(60)).until(() -> mail.subjects(BOB, BOB_PASSWORD, "INBOX").contains("[team] Garden party"));
        mail.submit(ALICE, ALICE_PASSWORD, mail.message(ALICE, TEAM, "Minutes", "The quorum was reached.\r\n"));
        await().atMost(Duration.ofSeconds(60)).until(() -> mail.subjects(BOB, BOB_PASSWORD, "INBOX").contains("[team] Minutes"));

        // the copy bob got links to the archive and to the post
        MimeMessage copy = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(mail.raw(BOB, BOB_PASSWORD, "[team] Garden party")));
        assertThat(copy.getHeader("List-Archive")).containsExactly("<" + publicUrl + "/lists/archive/team@example.org>");
        String archivedAt = copy.getHeader("Archived-At", null);
        Matcher link = Pattern.compile("^<(" + Pattern.quote(publicUrl) + "/lists/archive/team@example\\.org/post/[0-9a-f-]{36})>$")
                .matcher(archivedAt);
        assertThat(link.matches()).as(archivedAt).isTrue();
        String postUrl = link.group(1);

        // a visitor is sent to the login page; bob, a member, reads the post at that URL
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(postUrl)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        logIn(BOB, BOB_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.get(postUrl);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("[team] Garden party");
        assertThat(browser.findElement(By.cssSelector(".archive-text")).getText()).contains("bring marrows and lemonade");
        assertThat(status(postUrl)).isEqualTo(200);
        assertThat(status(url("/lists/archive/not-an-address"))).isEqualTo(404);
        assertThat(status(url("/lists/archive/nobody@example.org"))).isEqualTo(404);

        // the search box finds the post by a word of it, and its link opens it
        browser.get(url("/lists/archive/" + TEAM));
        assertThat(browser.findElement(By.cssSelector(".archive-months")).getText()).contains("2 posts");
        browser.findElement(By.id("archive-q")).sendKeys("marrow");
        browser.findElement(By.cssSelector(".archive-search button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "1 post with"));
        browser.findElement(By.linkText("[team] Garden party")).click();
        waiting().until(ExpectedConditions.urlToBe(postUrl));

        // carol is logged in but not a member: 403 and a sentence
        logIn(CAROL, BOB_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.get(postUrl);
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Only the members of team@example.org can read its archive").doesNotContain("marrows");
        assertThat(status(postUrl)).isEqualTo(403);
        assertThat(status(url("/lists/archive/" + TEAM + "/search?q=marrow"))).isEqualTo(403);

        // alice, the owner, removes it with the post's button: gone from its URL and from search
        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.get(postUrl);
        browser.findElement(By.cssSelector(".archive-remove button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                "The post was removed from the archive"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("[team] Minutes").doesNotContain("Garden party");
        assertThat(status(postUrl)).isEqualTo(404);
        browser.get(url("/lists/archive/" + TEAM + "/search?q=marrow"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).startsWith("No post with");
        browser.get(url("/lists/archive/" + TEAM + "/search?q=quorum"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).startsWith("1 post with");
    }

    /** The HTTP status of a GET from the page, with the browser's session (Selenium does not tell statuses). */
    private static long status(String target) {
        Object status = browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin', redirect: 'manual'}).then(r => done(r.status), e => done(-1));",
                target);
        return ((Number) status).longValue();
    }

    private static void ok(FacteurProcess.Result result) {
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    }
}
