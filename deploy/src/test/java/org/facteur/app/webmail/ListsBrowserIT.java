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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.facteur.app.FacteurProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 11 item 6's acceptance in real Chromium against the packaged Facteur: alice owns team@, whose members are bob
 * and carol; posts from dan (not a member) are held. Approved on the web, a post reaches each member once, and a later
 * {@code DISTRIBUTE} by mail answers "already handled"; decided by mail first, the web says who decided and sends
 * nothing more; bob, who moderates nothing, gets 403 for a decision he forges with his own session's CSRF token. On My
 * lists, carol changes her reception mode, joins an open list at once (welcome mail), asks to join a confirm list (the
 * robot's confirmation request reaches her inbox, she is not a member yet) and leaves. As an owner, alice adds and
 * removes a member, imports a CSV file (each refused line reported with its reason) and approves a request waiting
 * for her; bob gets 403 on her list's page. A visitor without login asks on the domain's public page that dan join
 * the open club@: nothing changes until dan answers the confirmation request that reaches his inbox. Saves {@code docs/screenshots/held-posts-*.png}, {@code my-lists-*.png} and
 * {@code list-owner-*.png}.
 * Shares {@link WebmailBrowserIT}'s fixture.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListsBrowserIT {
    static final String DAN = "dan@example.org";
    static final String TEAM = "team@example.org";

    @BeforeAll
    static void start() throws Exception {
        WebmailBrowserIT.start();
        ok(facteur.admin("user", "add", DAN, "--password", BOB_PASSWORD));
        ok(facteur.admin("list", "create", TEAM, "--preset", "discussion", "--owner", ALICE, "--no-subscribe-owner"));
        ok(facteur.admin("list", "add-member", TEAM, BOB));
        ok(facteur.admin("list", "add-member", TEAM, CAROL));
        ok(facteur.admin("list", "create", "club@example.org", "--preset", "discussion", "--owner", ALICE));
        ok(facteur.admin("list", "set", "club@example.org", "subscribe=open", "description=Weekend walks"));
        ok(facteur.admin("list", "create", "news@example.org", "--preset", "discussion", "--owner", ALICE));
        ok(facteur.admin("list", "create", "board@example.org", "--preset", "discussion", "--owner", ALICE));
        ok(facteur.admin("list", "set", "board@example.org", "subscribe=closed"));
        ok(facteur.admin("list", "create", "staff@example.org", "--preset", "discussion", "--owner", ALICE));
        ok(facteur.admin("list", "set", "staff@example.org", "subscribe=owner"));
    }

    @AfterAll
    static void stop() throws Exception {
        WebmailBrowserIT.stop();
    }

    @Test
    @Order(1)
    void approvedOnTheWebAPostIsDistributedOnceAndALaterDistributeByMailIsAlreadyHandled() throws Exception {
        post("Approved on the web", "Hello members,\n<b>not bold</b> and <script>alert(1)</script> as text.\n");
        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.findElement(By.linkText("Lists")).click();
        browser.findElement(By.linkText("Held posts")).click();
        WebElement held = heldPost("Approved on the web");
        assertThat(held.findElement(By.cssSelector(".sender")).getText()).isEqualTo(DAN);
        assertThat(held.findElement(By.cssSelector(".preview")).getText())
                .isEqualTo("Hello members, <b>not bold</b> and <script>alert(1)</script> as text.");
        assertThat(browser.findElements(By.cssSelector(".held-post b, .held-post script"))).isEmpty();
        String key = held.getDomAttribute("data-key");
        WebmailBrowserIT.screenshots("held-posts");

        held.findElement(By.cssSelector("button.approve")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                "The message \"Approved on the web\" was distributed to " + TEAM + "."));
        assertThat(browser.findElements(By.cssSelector(".held-post"))).isEmpty();

        String copy = "[team] Approved on the web";
        await().atMost(Duration.ofSeconds(30)).until(() -> copies(BOB, copy) == 1 && copies(CAROL, copy) == 1);
        mail.raw(DAN, BOB_PASSWORD, "[team] Your message was distributed: Approved on the web");

        mail.submit(ALICE, ALICE_PASSWORD, mail.message(ALICE, "team-request@example.org", "DISTRIBUTE team " + key, ""));
        String answer = new String(mail.raw(ALICE, ALICE_PASSWORD, "Re: DISTRIBUTE team " + key), StandardCharsets.UTF_8);
        assertThat(answer).contains("already handled: distributed by " + ALICE).contains("Nothing was changed");
        assertThat(copies(BOB, copy)).isEqualTo(1);
        assertThat(copies(CAROL, copy)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void decidedByMailFirstTheWebSaysWhoDecidedAndSendsNothingMore() throws Exception {
        post("Decided by mail", "Second question.\n");
        browser.get(url("/lists/held"));
        WebElement held = heldPost("Decided by mail");
        String key = held.getDomAttribute("data-key");

        mail.submit(ALICE, ALICE_PASSWORD, mail.message(ALICE, "team-request@example.org", "REJECT team " + key + " Off topic", ""));
        mail.raw(ALICE, ALICE_PASSWORD, "Re: REJECT team " + key + " Off topic");

        held.findElement(By.cssSelector("button.approve")).click(); // the page was opened before the mail decided
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                "The message \"Decided by mail\" was already handled: " + ALICE + " rejected it on"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).endsWith("Nothing was changed.");
        mail.raw(DAN, BOB_PASSWORD, "[team] Your message was not distributed: Decided by mail");
        assertThat(copies(BOB, "[team] Decided by mail")).isZero();
    }

    @Test
    @Order(3)
    void someoneWhoModeratesNothingIsRefusedWithASentence() throws Exception {
        post("Not for bob", "Third question.\n");
        browser.get(url("/lists/held"));
        String key = heldPost("Not for bob").getDomAttribute("data-key");

        logIn(BOB, BOB_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.get(url("/lists/held"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("No post is waiting for a decision.");
        // the form bob's page never shows, forged with his own session's CSRF token
        browser.executeScript("const f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
                + "const t = document.querySelector('input[name=_csrf]').cloneNode(); f.appendChild(t);"
                + "document.body.appendChild(f); f.submit();", "/lists/held/" + key + "/approve");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"),
                "You are neither an owner nor a moderator of this list"));

        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.get(url("/lists/held"));
        assertThat(heldPost("Not for bob").getDomAttribute("data-key")).isEqualTo(key);
        assertThat(copies(BOB, "[team] Not for bob")).isZero();
    }

    @Test
    @Order(4)
    void onMyListsAMemberChangesHerModeJoinsAndLeavesUnderEachListsPolicy() throws Exception {
        logIn(CAROL, BOB_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.findElement(By.linkText("Lists")).click();
        WebElement team = row("#my-lists", TEAM);
        assertThat(team.findElement(By.cssSelector(".roles")).getText()).isEqualTo("subscriber");
        assertThat(browser.findElement(By.id("join")).getText()).contains("club@example.org", "Weekend walks", "news@example.org")
                .doesNotContain("board@example.org");
        WebmailBrowserIT.screenshots("my-lists");

        new org.openqa.selenium.support.ui.Select(team.findElement(By.name("mode"))).selectByValue("NOMAIL");
        team.findElement(By.cssSelector("form.reception button")).click();
        status("You receive nothing from " + TEAM + " for now");
        assertThat(members(TEAM)).contains(CAROL + "  subscriber  nomail");

        row("#join", "club@example.org").findElement(By.cssSelector("button.subscribe")).click();
        status("You are now subscribed to club@example.org");
        assertThat(members("club@example.org")).contains(CAROL + "  subscriber  mail");
        mail.raw(CAROL, BOB_PASSWORD, "Welcome to club");

        row("#join", "news@example.org").findElement(By.cssSelector("button.subscribe")).click();
        status("A confirmation request for news@example.org was sent to your address");
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(CAROL, BOB_PASSWORD, "INBOX").stream()
                .anyMatch(s -> s != null && s.matches("CONFIRM [a-z2-7]{25}")));
        assertThat(members("news@example.org")).doesNotContain(CAROL);

        row("#my-lists", "club@example.org").findElement(By.cssSelector("button.unsubscribe")).click();
        status("You are no longer subscribed to club@example.org.");
        assertThat(members("club@example.org")).doesNotContain(CAROL);
    }

    @Test
    @Order(5)
    void anOwnerAddsRemovesImportsAndApprovesOnHerListsPage() throws Exception {
        mail.submit(DAN, BOB_PASSWORD, mail.message(DAN, "staff-request@example.org", "SUB staff", ""));
        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.findElement(By.linkText("Lists")).click();
        row("#my-lists", TEAM).findElement(By.cssSelector("a.manage")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Managing " + TEAM));
        assertThat(browser.findElement(By.id("members")).getText()).contains(BOB, CAROL);

        browser.findElement(By.id("add-address")).sendKeys(DAN);
        browser.findElement(By.cssSelector("form.add-member button")).click();
        status(DAN + " is now subscribed");
        assertThat(members(TEAM)).contains(DAN + "  subscriber  mail");
        mail.raw(DAN, BOB_PASSWORD, "Welcome to team");
        browser.findElement(By.cssSelector("#members tr[data-address='" + DAN + "'] button.remove")).click();
        status(DAN + " is no longer subscribed.");
        assertThat(members(TEAM)).doesNotContain(DAN);

        java.nio.file.Path csv = java.nio.file.Files.createTempFile("members", ".csv");
        java.nio.file.Files.writeString(csv, "email,name\nerin@example.org,Erin\nnot-an-address\n" + BOB + "\nERIN@example.org\n");
        browser.findElement(By.id("import-file")).sendKeys(csv.toString());
        browser.findElement(By.cssSelector("form.import button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#import-report h2"), "Import: 1 of 4 lines added"));
        assertThat(browser.findElement(By.id("import-report")).getText())
                .contains("2 erin@example.org added")
                .contains("3 not-an-address refused: not a valid e-mail address")
                .contains("4 " + BOB + " refused: already a member")
                .contains("5 ERIN@example.org refused: the same address is on an earlier line");
        assertThat(members(TEAM)).contains("erin@example.org  subscriber  mail  (Erin)");
        WebmailBrowserIT.screenshots("list-owner");

        browser.get(url("/lists/owner?list=staff@example.org"));
        WebElement request = waiting().until(d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector("#approvals tr[data-address='" + DAN + "']")).stream().findFirst().orElse(null);
        });
        assertThat(request.getText()).contains("wants to join");
        request.findElement(By.cssSelector("button.approve")).click();
        status("The request of " + DAN + " was approved");
        assertThat(members("staff@example.org")).contains(DAN + "  subscriber  mail");
        mail.raw(DAN, BOB_PASSWORD, "Welcome to staff");

        browser.findElement(By.id("set-description")).sendKeys("Paid and volunteer staff");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("set-subscribe"))).selectByValue("CLOSED");
        browser.findElement(By.cssSelector("form.list-settings button")).click();
        status("The settings of staff@example.org were saved.");
        assertThat(facteur.admin("list", "show", "staff@example.org").out()).contains("Paid and volunteer staff");
        assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("set-subscribe")))
                .getFirstSelectedOption().getDomAttribute("value")).isEqualTo("CLOSED");

        logIn(BOB, BOB_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.get(url("/lists/owner?list=" + TEAM));
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("You do not own this list");
    }

    @Test
    @Order(6)
    void aVisitorAsksToJoinOnTheDomainsPublicPageAndJoinsByAnsweringTheConfirmationMail() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(WebmailBrowserIT.url("/lists/public/example.org"));
        WebElement club = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("section.public-list[data-list='club@example.org']")));
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Mailing lists of example.org", "club@example.org", "Weekend walks", "news@example.org")
                .doesNotContain("board@example.org").doesNotContain("staff@example.org");
        assertThat(browser.findElements(By.cssSelector("form[action='/logout']"))).isEmpty();
        WebmailBrowserIT.screenshots("public-lists");

        club.findElement(By.name("address")).sendKeys(DAN);
        club.findElement(By.name("name")).sendKeys("Dan");
        club.findElement(By.cssSelector("button.subscribe")).click();
        status("If this address may join club@example.org, a confirmation request is on its way to it");
        assertThat(members("club@example.org")).doesNotContain(DAN); // open list, yet nothing before the address confirms
        String confirm = await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(DAN, BOB_PASSWORD, "INBOX").stream()
                .filter(s -> s != null && s.matches("CONFIRM [a-z2-7]{25}")).findFirst().orElse(null), java.util.Objects::nonNull);
        mail.submit(DAN, BOB_PASSWORD, mail.message(DAN, "club-request@example.org", confirm, ""));
        await().atMost(Duration.ofSeconds(30)).until(() -> members("club@example.org").contains(DAN));
    }

    private static WebElement row(String table, String list) {
        return waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(table + " tr[data-list='" + list + "']")));
    }

    private static void status(String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), text));
    }

    private static String members(String list) throws Exception {
        FacteurProcess.Result result = facteur.admin("list", "members", list);
        ok(result);
        return result.out();
    }

    /** The held post with this subject on the page, waiting for it to be held first. */
    private static WebElement heldPost(String subject) {
        return waiting().until(d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector(".held-post")).stream()
                    .filter(p -> p.findElement(By.tagName("h2")).getText().equals(subject)).findFirst().orElse(null);
        });
    }

    private static void post(String subject, String body) throws Exception {
        mail.submit(DAN, BOB_PASSWORD, mail.message(DAN, TEAM, subject, body));
    }

    private static long copies(String user, String subject) throws Exception {
        List<String> subjects = mail.subjects(user, BOB_PASSWORD, "INBOX");
        return subjects.stream().filter(subject::equals).count();
    }

    private static void ok(FacteurProcess.Result result) {
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    }
}
