package org.facteur.app.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.facteur.app.webmail.WebmailBrowserIT.ALICE;
import static org.facteur.app.webmail.WebmailBrowserIT.ALICE_PASSWORD;
import static org.facteur.app.webmail.WebmailBrowserIT.BOB;
import static org.facteur.app.webmail.WebmailBrowserIT.BOB_PASSWORD;
import static org.facteur.app.webmail.WebmailBrowserIT.browser;
import static org.facteur.app.webmail.WebmailBrowserIT.facteur;
import static org.facteur.app.webmail.WebmailBrowserIT.logIn;
import static org.facteur.app.webmail.WebmailBrowserIT.mail;
import static org.facteur.app.webmail.WebmailBrowserIT.waiting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.activation.DataHandler;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.Session;

import org.facteur.mailserver.Gpg;
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
 * Settings → Encryption in real Chromium against the packaged Facteur: alice, who has no key, turns OpenPGP on
 * with a passphrase of her own; the switches stay hidden until the recovery kit is downloaded; the kit Chromium
 * saved imports into gpg with the fingerprint the page and {@code ./facteur admin pgp status} show; with "encrypt
 * incoming mail" ticked in the page, a message bob sends her over SMTP is stored multipart/encrypted and decrypts in
 * gpg with the kit's key; an attachment inside such a message is listed once decrypted, downloads with its exact
 * bytes, goes along a forward decrypted, and is refused with one clear sentence once the key is locked again; a wrong
 * passphrase on revoke is one clear sentence and revokes nothing.
 *
 * <p>Shares {@link WebmailBrowserIT}'s fixture (packaged Facteur, alice and bob, Chromium with a download folder).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EncryptionSettingsBrowserIT {
    static final String PASSPHRASE = "fanfare du dimanche";
    static String fingerprint;
    static Map<String, byte[]> kit;

    @BeforeAll
    static void start() throws Exception {
        WebmailBrowserIT.start();
    }

    @AfterAll
    static void stop() throws Exception {
        WebmailBrowserIT.stop();
    }

    static void openEncryptionPage() {
        browser.get(WebmailBrowserIT.url("/settings/encryption"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }

    static String heading() {
        return browser.findElement(By.cssSelector("main h2")).getText();
    }

    @Test
    @Order(1)
    void turningOnMakesAKeyButTheSetupWaitsForTheRecoveryKit() throws Exception {
        assertThat(facteur.admin("pgp", "status", ALICE).out()).contains("key: none");
        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.findElement(By.linkText("Settings")).click();
        waiting().until(ExpectedConditions.urlContains("/settings"));
        browser.findElement(By.cssSelector("nav.folders")).findElement(By.linkText("Encryption")).click();
        waiting().until(ExpectedConditions.urlContains("/settings/encryption"));
        assertThat(heading()).isEqualTo("OpenPGP is off");

        browser.findElement(By.id("new-passphrase")).sendKeys(PASSPHRASE);
        browser.findElement(By.id("new-repeat")).sendKeys(PASSPHRASE + "!");
        browser.findElement(By.id("turn-on-button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"),
                "The two passphrases are not the same."));
        assertThat(facteur.admin("pgp", "status", ALICE).out()).contains("key: none");

        browser.findElement(By.id("new-passphrase")).sendKeys(PASSPHRASE);
        browser.findElement(By.id("new-repeat")).sendKeys(PASSPHRASE);
        browser.findElement(By.id("turn-on-button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                "Your key is made. Download your recovery kit to finish."));
        assertThat(heading()).isEqualTo("OpenPGP setup is not finished");
        fingerprint = browser.findElement(By.id("fingerprint")).getText().replace(" ", "");
        assertThat(fingerprint).matches("[0-9A-F]{40}");
        assertThat(browser.findElements(By.id("switches"))).isEmpty();
        assertThat(facteur.admin("pgp", "status", ALICE).out()).contains("key: " + fingerprint, "encrypt-incoming: false");

        openEncryptionPage(); // coming back to the page does not finish it either
        assertThat(heading()).isEqualTo("OpenPGP setup is not finished");
        assertThat(browser.findElements(By.id("switches"))).isEmpty();
    }

    @Test
    @Order(2)
    void theRecoveryKitNeedsThePassphraseAndImportsIntoGpg() throws Exception {
        openEncryptionPage();
        browser.findElement(By.id("kit-passphrase")).sendKeys("not my passphrase");
        browser.findElement(By.id("kit-button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"),
                "Wrong passphrase for alice@example.org's key."));
        assertThat(heading()).isEqualTo("OpenPGP setup is not finished");

        browser.findElement(By.id("kit-passphrase")).sendKeys(PASSPHRASE);
        browser.findElement(By.id("kit-button")).click();
        Path zip = WebmailBrowserIT.downloads.resolve("openpgp-recovery-kit-alice_example.org.zip");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(zip) && noPartialDownload());
        kit = unzip(zip);
        assertThat(kit).containsOnlyKeys("READ-ME-FIRST.txt", "secret-key.asc", "revocation.asc");
        String readMe = new String(kit.get("READ-ME-FIRST.txt"), StandardCharsets.UTF_8);
        assertThat(readMe.replace(" ", "")).contains(fingerprint);
        assertThat(readMe).contains("secret-key.asc", "revocation.asc", "Print this page");

        try (Gpg gpg = new Gpg()) {
            Gpg.Result imported = gpg.run(kit.get("secret-key.asc"), PASSPHRASE, "--import");
            assertThat(imported.exit()).as(imported.toString()).isZero();
            Gpg.Result secrets = gpg.run(new byte[0], null, "--with-colons", "--list-secret-keys");
            assertThat(secrets.out()).contains("fpr:::::::::" + fingerprint + ":");
            // gpg 2.2 exits 2 on a revocation imported under --trust-model always (no trustdb to update): use pgp here
            Gpg.Result revoked = gpg.run(kit.get("revocation.asc"), null, "--trust-model", "pgp", "--import");
            assertThat(revoked.exit()).as(revoked.toString()).isZero();
            assertThat(gpg.run(new byte[0], null, "--with-colons", "--list-keys", fingerprint).out()).startsWith("tru:")
                    .containsPattern("(?m)^pub:r:");
        }

        browser.findElement(By.id("kit-continue")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("switches")));
        assertThat(heading()).isEqualTo("OpenPGP is on");
        WebmailBrowserIT.screenshots("encryption");
    }

    @Test
    @Order(3)
    void encryptIncomingMailTickedInThePageStoresMultipartEncrypted() throws Exception {
        openEncryptionPage();
        browser.findElement(By.id("encrypt-incoming")).click();
        browser.findElement(By.id("switches-button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "Your choices are saved."));
        assertThat(browser.findElement(By.id("encrypt-incoming")).isSelected()).isTrue();
        assertThat(facteur.admin("pgp", "status", ALICE).out()).contains("encrypt-incoming: true", "publish-wkd: false");

        mail.submit(BOB, BOB_PASSWORD, mail.message(BOB, ALICE, "Clés du local", "Le code du cadenas est 4711, garde-le pour toi."));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(ALICE, ALICE_PASSWORD, "INBOX").contains("Clés du local"));
        byte[] raw = mail.raw(ALICE, ALICE_PASSWORD, "Clés du local");
        MimeMessage stored = new MimeMessage(Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(raw));
        assertThat(new ContentType(stored.getContentType()).getBaseType()).isEqualToIgnoringCase("multipart/encrypted");
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("cadenas est 4711");

        try (Gpg gpg = new Gpg()) {
            assertThat(gpg.run(kit.get("secret-key.asc"), PASSPHRASE, "--import").exit()).isZero();
            Gpg.Result decrypted = gpg.run(Gpg.armoredBlock(raw), PASSPHRASE, "--decrypt");
            assertThat(decrypted.exit()).as(decrypted.toString()).isZero();
            assertThat(decrypted.out()).contains("Le code du cadenas est 4711");
        }
    }

    @Test
    @Order(4)
    void theWebmailDecryptsWithThePassphraseAskedOncePerSession() throws Exception {
        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        openMessage("Clés du local");
        assertThat(browser.findElements(By.id("unlock-passphrase"))).hasSize(1);
        assertThat(browser.getPageSource()).doesNotContain("cadenas est 4711");

        browser.findElement(By.id("unlock-passphrase")).sendKeys("not my passphrase");
        browser.findElement(By.id("unlock-button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pgp-notice [role=alert]"),
                "Wrong passphrase: nothing was decrypted."));
        assertThat(browser.getPageSource()).doesNotContain("cadenas est 4711");

        browser.findElement(By.id("unlock-passphrase")).sendKeys(PASSPHRASE);
        browser.findElement(By.id("unlock-button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".pgp-decrypted")));
        assertThat(browser.findElement(By.cssSelector(".pgp-status")).getText()).startsWith("Encrypted with OpenPGP: decrypted");
        assertThat(browser.findElement(By.cssSelector(".text-body")).getText()).contains("Le code du cadenas est 4711, garde-le pour toi.");
        assertThat(browser.findElements(By.id("unlock-passphrase"))).isEmpty();

        mail.submit(BOB, BOB_PASSWORD, mail.message(BOB, ALICE, "Deuxième secret", "Rendez-vous à 18h sous l'horloge."));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(ALICE, ALICE_PASSWORD, "INBOX").contains("Deuxième secret"));
        assertThat(new String(mail.raw(ALICE, ALICE_PASSWORD, "Deuxième secret"), StandardCharsets.ISO_8859_1))
                .contains("multipart/encrypted").doesNotContain("horloge");
        openMessage("Deuxième secret");
        assertThat(browser.findElements(By.id("unlock-passphrase"))).as("asked once per session").isEmpty();
        assertThat(browser.findElement(By.cssSelector(".text-body")).getText()).contains("Rendez-vous à 18h sous l'horloge.");
        WebmailBrowserIT.screenshots("decrypted");

        browser.findElement(By.cssSelector("header form button[type=submit]")).click(); // log out
        waiting().until(ExpectedConditions.urlContains("/login"));
        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        openMessage("Deuxième secret");
        assertThat(browser.findElements(By.id("unlock-passphrase"))).as("asked again after logout").hasSize(1);
        assertThat(browser.getPageSource()).doesNotContain("horloge");
    }

    static void openMessage(String subject) {
        browser.get(WebmailBrowserIT.url("/mail"));
        browser.findElement(By.partialLinkText(subject)).click();
        waiting().until(ExpectedConditions.urlContains("/mail/message"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), subject));
    }

    @Test
    @Order(5)
    void anAttachmentInsideEncryptedMailDownloadsDecryptedOnlyWhileTheKeyIsUnlocked() throws Exception {
        byte[] plan = new byte[3000];
        for (int i = 0; i < plan.length; i++) {
            plan[i] = (byte) (i * 31 + i / 256);
        }
        MimeMessage sent = mail.message(BOB, ALICE, "Plan du local", "Le plan est joint.");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Le plan est joint, la porte du fond reste fermée.", "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(plan, "application/pdf")));
        file.setFileName("plan d'accès.pdf");
        file.setDisposition(Part.ATTACHMENT);
        sent.setContent(new MimeMultipart(text, file));
        mail.submit(BOB, BOB_PASSWORD, sent);
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(ALICE, ALICE_PASSWORD, "INBOX").contains("Plan du local"));
        assertThat(new String(mail.raw(ALICE, ALICE_PASSWORD, "Plan du local"), StandardCharsets.ISO_8859_1))
                .contains("multipart/encrypted").doesNotContain("porte du fond", "plan d");

        openMessage("Plan du local"); // the session of the test before ended locked
        browser.findElement(By.id("unlock-passphrase")).sendKeys(PASSPHRASE);
        browser.findElement(By.id("unlock-button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".pgp-decrypted")));
        assertThat(browser.findElement(By.cssSelector(".text-body")).getText()).contains("la porte du fond reste fermée");
        WebElement listed = browser.findElement(By.cssSelector(".attachments")).findElement(By.linkText("plan d'accès.pdf"));
        assertThat(browser.findElement(By.cssSelector(".attachments")).getText()).contains("application/pdf");
        assertThat(browser.findElement(By.cssSelector(".attachments")).getText()).doesNotContain("encrypted.asc");
        String href = listed.getDomAttribute("href");
        assertThat(href).contains("/mail/attachment/decrypted");

        List<?> answer = fetch(href);
        assertThat(answer.get(0)).isEqualTo(200L);
        assertThat((String) answer.get(1)).startsWith("attachment;").contains("plan");
        assertThat(answer.get(2)).isEqualTo("nosniff");
        assertThat(Base64.getDecoder().decode((String) answer.get(3))).as("the exact bytes bob attached").isEqualTo(plan);
        assertThat(fetch(href.replaceAll("part=\\d+", "part=9")).get(0)).as("no such part").isEqualTo(404L);

        // a forward quotes what she read and carries the decrypted file, not the ciphertext
        browser.findElement(By.linkText("Forward")).click();
        waiting().until(ExpectedConditions.urlContains("/compose"));
        assertThat(browser.findElement(By.id("body")).getDomProperty("value")).contains("la porte du fond reste fermée")
                .doesNotContain("BEGIN PGP MESSAGE");
        assertThat(browser.findElement(By.cssSelector(".carried")).getText()).contains("plan d'accès.pdf")
                .doesNotContain("encrypted.asc");

        browser.get(WebmailBrowserIT.url("/mail"));
        browser.findElement(By.cssSelector("header form button[type=submit]")).click(); // log out: the key is locked
        waiting().until(ExpectedConditions.urlContains("/login"));
        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        List<?> refused = fetch(href);
        assertThat(refused.get(0)).isEqualTo(403L);
        assertThat(new String(Base64.getDecoder().decode((String) refused.get(3)), StandardCharsets.UTF_8))
                .contains("Your OpenPGP key is locked").doesNotContain("porte du fond", "Exception");
        assertThat(fetch(href.replaceAll("part=\\d+", "part=9")).get(0)).isEqualTo(403L);
    }

    /** Fetches a URL in the page's session: status, Content-Disposition, X-Content-Type-Options and the body in base64. */
    private static List<?> fetch(String href) {
        return (List<?>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b => {"
                + "  let s = ''; new Uint8Array(b).forEach(c => s += String.fromCharCode(c));"
                + "  done([r.status, r.headers.get('content-disposition'), r.headers.get('x-content-type-options'), btoa(s)]);"
                + "}));", href);
    }

    @Test
    @Order(6)
    void aWrongPassphraseOnRevokeIsOneClearSentenceAndRevokesNothing() throws Exception {
        openEncryptionPage();
        browser.findElement(By.id("revoke-passphrase")).sendKeys("not my passphrase");
        browser.findElement(By.id("revoke-button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"),
                "Wrong passphrase for alice@example.org's key."));
        assertThat(heading()).isEqualTo("OpenPGP is on");
        assertThat(facteur.admin("pgp", "status", ALICE).out()).contains("revoked: false", "encrypt-incoming: true");

        browser.findElement(By.id("revoke-passphrase")).sendKeys(PASSPHRASE);
        browser.findElement(By.id("revoke-button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                "Your key is revoked: incoming mail is no longer encrypted."));
        assertThat(heading()).isEqualTo("Your key is revoked");
        assertThat(facteur.admin("pgp", "status", ALICE).out()).contains("revoked: true", "encrypt-incoming: false");
    }

    private static boolean noPartialDownload() throws IOException {
        try (Stream<Path> files = Files.list(WebmailBrowserIT.downloads)) {
            return files.noneMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
        }
    }

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

}
