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

import jakarta.mail.Folder;
import jakarta.mail.Store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The address book in real Chromium against the packaged Facteur: alice writes to bob once; the next time she types
 * a part of his name in To, {@code complete.js} offers "Bob Martin" under the field (the page's CSP allows it), the
 * arrow key and Enter take it without sending, a click takes it in Cc, and the message arrives addressed as
 * completed. Settings → Contacts lists both correspondents and deletes one. Saves
 * {@code docs/screenshots/completion-*.png}. Shares {@link WebmailBrowserIT}'s fixture.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AddressBookBrowserIT {
    static final String CAROL = WebmailBrowserIT.CAROL;

    @BeforeAll
    static void start() throws Exception {
        WebmailBrowserIT.start();
    }

    @AfterAll
    static void stop() throws Exception {
        WebmailBrowserIT.stop();
    }

    @Test
    @Order(1)
    void whomAliceWroteToIsOfferedAsSheTypes() throws Exception {
        WebmailBrowserIT.compose(ALICE, ALICE_PASSWORD);
        browser.findElement(By.id("to")).sendKeys("Bob Martin <" + BOB + ">");
        browser.findElement(By.id("subject")).sendKeys("Premier message");
        send();

        browser.get(url("/compose"));
        WebElement to = browser.findElement(By.id("to"));
        to.sendKeys("mar");
        WebElement offered = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#to-suggestions [role=option]")));
        assertThat(offered.getText()).contains("Bob Martin", BOB);
        assertThat(browser.findElements(By.cssSelector("#to-suggestions [role=option]"))).hasSize(1);
        assertThat(to.getDomAttribute("aria-expanded")).isEqualTo("true");
        WebmailBrowserIT.screenshots("completion");
        to.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        assertThat(to.getDomProperty("value")).isEqualTo("Bob Martin <" + BOB + ">, ");
        assertThat(browser.getCurrentUrl()).as("Enter took the contact, it did not send").endsWith("/compose");
        assertThat(browser.findElement(By.id("to-suggestions")).isDisplayed()).isFalse();

        WebElement cc = browser.findElement(By.id("cc"));
        cc.sendKeys(CAROL + ", BO");
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#cc-suggestions [role=option]"))).click();
        assertThat(cc.getDomProperty("value")).isEqualTo(CAROL + ", Bob Martin <" + BOB + ">, ");
        browser.findElement(By.id("subject")).sendKeys("Deuxième message");
        send();

        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(BOB, BOB_PASSWORD, "INBOX").contains("Deuxième message"));
        try (Store store = mail.imap(BOB, BOB_PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            jakarta.mail.Message received = inbox.getMessage(inbox.getMessageCount());
            assertThat(received.getSubject()).isEqualTo("Deuxième message");
            assertThat(received.getHeader("To")).containsExactly("Bob Martin <" + BOB + ">");
            assertThat(received.getHeader("Cc")[0]).contains(CAROL, "Bob Martin <" + BOB + ">");
        }
    }

    @Test
    @Order(2)
    void theContactsPageListsAndDeletes() {
        browser.get(url("/settings/contacts"));
        assertThat(browser.findElement(By.cssSelector(".contact-list tbody")).getText()).contains("Bob Martin", BOB, CAROL);
        browser.findElement(By.cssSelector("button[value='" + CAROL + "']")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                CAROL + " is no longer in your contacts"));
        assertThat(browser.findElement(By.cssSelector(".contact-list tbody")).getText()).contains(BOB).doesNotContain(CAROL);
    }

    private static void send() {
        browser.findElement(By.cssSelector("main form .actions button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "Message sent."));
    }
}
