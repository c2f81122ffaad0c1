package org.facteur.app.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.facteur.app.webmail.WebmailBrowserIT.ALICE;
import static org.facteur.app.webmail.WebmailBrowserIT.ALICE_PASSWORD;
import static org.facteur.app.webmail.WebmailBrowserIT.BOB;
import static org.facteur.app.webmail.WebmailBrowserIT.BOB_PASSWORD;
import static org.facteur.app.webmail.WebmailBrowserIT.browser;
import static org.facteur.app.webmail.WebmailBrowserIT.logIn;
import static org.facteur.app.webmail.WebmailBrowserIT.mail;
import static org.facteur.app.webmail.WebmailBrowserIT.url;
import static org.facteur.app.webmail.WebmailBrowserIT.waiting;

import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The list grouped by conversation in real Chromium against the packaged Facteur: a discussion between bob and carol
 * arrives over SMTP with In-Reply-To and References; alice ticks "Group messages by conversation" in Settings, her
 * inbox shows one line for the discussion with its count and one for a message on its own, the discussion opens
 * on its messages and one of them on the message page; unticked, the plain list is back. Saves
 * {@code docs/screenshots/conversations-*.png}. Shares {@link WebmailBrowserIT}'s fixture.
 */
class ConversationsBrowserIT {
    static final String CAROL = WebmailBrowserIT.CAROL;

    @BeforeAll
    static void start() throws Exception {
        WebmailBrowserIT.start();
    }

    @AfterAll
    static void stop() throws Exception {
        WebmailBrowserIT.stop();
    }

    private static MimeMessage reply(String from, String subject, MimeMessage to, String references) throws Exception {
        MimeMessage m = mail.message(from, ALICE, subject, "Réponse de " + from);
        m.setHeader("In-Reply-To", to.getMessageID());
        m.setHeader("References", references);
        return m;
    }

    @Test
    void aDiscussionIsOneLineThatOpensOnItsMessages() throws Exception {
        MimeMessage first = mail.message(BOB, ALICE, "Pique-nique samedi", "Qui apporte quoi ?");
        mail.submit(BOB, BOB_PASSWORD, first);
        MimeMessage second = reply(CAROL, "Re: Pique-nique samedi", first, first.getMessageID());
        mail.submit(CAROL, BOB_PASSWORD, second);
        mail.submit(BOB, BOB_PASSWORD, mail.message(BOB, ALICE, "Clés du local", "Elles sont chez Carol."));
        // The spool delivers several messages at once, so arrival order is not submission order: the last reply
        // must arrive last for its conversation to be the newest line.
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(ALICE, ALICE_PASSWORD, "INBOX").size() >= 3);
        mail.submit(BOB, BOB_PASSWORD, reply(BOB, "Re: Re: Pique-nique samedi", second,
                first.getMessageID() + " " + second.getMessageID()));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(ALICE, ALICE_PASSWORD, "INBOX").size() >= 4);

        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.get(url("/settings"));
        browser.findElement(By.cssSelector("label[for=conversations]")).click();
        browser.findElement(By.cssSelector("#list button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                "Messages are now grouped by conversation."));
        assertThat(browser.findElement(By.id("conversations")).isSelected()).isTrue();

        browser.get(url("/mail"));
        List<WebElement> lines = browser.findElements(By.cssSelector(".conversations > li"));
        assertThat(lines).extracting(WebElement::getText).hasSize(2);
        assertThat(lines.get(0).getText()).contains(BOB, CAROL, "3", "Pique-nique samedi").doesNotContain("Re:");
        assertThat(lines.get(0).getDomAttribute("class")).contains("unseen");
        assertThat(lines.get(1).getText()).contains("Clés du local").doesNotContain("Pique-nique");
        WebmailBrowserIT.screenshots("conversations");

        lines.get(0).findElement(By.tagName("a")).click();
        waiting().until(ExpectedConditions.urlContains("/mail/conversation"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Pique-nique samedi");
        List<WebElement> messages = browser.findElements(By.cssSelector(".thread > li"));
        assertThat(messages).extracting(WebElement::getText).hasSize(3);
        assertThat(messages.get(0).getDomAttribute("class")).contains("depth-0");
        assertThat(messages.get(1).getDomAttribute("class")).contains("depth-1");
        assertThat(messages.get(2).getDomAttribute("class")).contains("depth-2");
        assertThat(messages.get(2).getText()).contains("Re: Re: Pique-nique samedi");
        messages.get(1).findElement(By.tagName("a")).click();
        waiting().until(ExpectedConditions.urlContains("/mail/message"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Réponse de " + CAROL);

        browser.get(url("/settings"));
        browser.findElement(By.cssSelector("label[for=conversations]")).click();
        browser.findElement(By.cssSelector("#list button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                "Messages are now listed one by one."));
        browser.get(url("/mail"));
        assertThat(browser.findElements(By.cssSelector(".conversations"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".messages > li"))).hasSize(4);
    }
}
