package org.facteur.app.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.facteur.app.webmail.WebmailBrowserIT.ALICE;
import static org.facteur.app.webmail.WebmailBrowserIT.ALICE_PASSWORD;
import static org.facteur.app.webmail.WebmailBrowserIT.BOB;
import static org.facteur.app.webmail.WebmailBrowserIT.BOB_PASSWORD;
import static org.facteur.app.webmail.WebmailBrowserIT.CAROL;
import static org.facteur.app.webmail.WebmailBrowserIT.browser;
import static org.facteur.app.webmail.WebmailBrowserIT.logIn;
import static org.facteur.app.webmail.WebmailBrowserIT.mail;
import static org.facteur.app.webmail.WebmailBrowserIT.url;
import static org.facteur.app.webmail.WebmailBrowserIT.waiting;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * "Best matches" in real Chromium against the packaged Facteur: bob writes to alice and to carol over SMTP; alice
 * searches "réunions" with the "Best matches" choice and gets her messages about a "réunion" (the one with the word in
 * its subject first, with its folder), never carol's; a result opens the message. The exact search is still what the
 * form does by default, and finds only the exact word. Saves {@code docs/screenshots/best-matches-*.png}. Shares
 * {@link WebmailBrowserIT}'s fixture.
 */
class BestMatchesBrowserIT {

    @BeforeAll
    static void start() throws Exception {
        WebmailBrowserIT.start();
    }

    @AfterAll
    static void stop() throws Exception {
        WebmailBrowserIT.stop();
    }

    @Test
    void rankedResultsAcrossFoldersOpenTheMessage() throws Exception {
        mail.submit(BOB, BOB_PASSWORD, mail.message(BOB, ALICE, "Déjeuner jeudi", "Après la réunion, on déjeune ensemble ?"));
        mail.submit(BOB, BOB_PASSWORD, mail.message(BOB, ALICE, "Réunion du bureau", "Ordre du jour en pièce jointe."));
        mail.submit(BOB, BOB_PASSWORD, mail.message(BOB, ALICE, "Photos", "Les photos de l'été."));
        mail.submit(BOB, BOB_PASSWORD, mail.message(BOB, CAROL, "Réunions secrètes", "Les réunions de Carol."));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(ALICE, ALICE_PASSWORD, "INBOX").contains("Photos")
                && mail.subjects(CAROL, BOB_PASSWORD, "INBOX").contains("Réunions secrètes"));

        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        assertThat(new Select(browser.findElement(By.id("mode"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("exact");
        // The index catches up in the background: search again until both of alice's messages are ranked.
        List<WebElement> lines = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.get(url("/mail"));
            browser.findElement(By.id("q")).sendKeys("réunions");
            new Select(browser.findElement(By.id("mode"))).selectByValue("best");
            browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
            waiting().until(ExpectedConditions.urlContains("mode=best"));
            return browser.findElements(By.cssSelector(".messages.best > li"));
        }, l -> l.size() >= 2);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).getText()).contains("Réunion du bureau", BOB, "Inbox");
        assertThat(lines.get(1).getText()).contains("Déjeuner jeudi");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("secrètes").doesNotContain("Photos");
        WebmailBrowserIT.screenshots("best-matches");

        lines.get(0).findElement(By.tagName("a")).click();
        waiting().until(ExpectedConditions.urlContains("/mail/message"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Ordre du jour en pièce jointe.");

        browser.get(url("/mail"));
        browser.findElement(By.id("q")).sendKeys("réunions");
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("q="));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Search for “réunions”: 0 found");
    }
}
