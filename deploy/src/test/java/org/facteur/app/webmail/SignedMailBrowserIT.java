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
import static org.facteur.app.webmail.WebmailBrowserIT.waiting;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.Gpg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Reading OpenPGP-signed mail in real Chromium against the packaged Facteur. Bob's key is made on the server
 * ({@code ./facteur admin pgp enable}); the test signs with gpg, using the secret key {@code pgp export-key --secret}
 * gives, a PGP/MIME {@code multipart/signed} message (RFC 3156) that bob sends alice over SMTP byte for byte. Alice
 * sees "verified" with bob's fingerprint; the same message with one byte of the signed text changed shows "Bad
 * signature"; carol's signature by a key the server does not know shows its key id. Then alice's incoming mail is
 * encrypted at rest: the signed message, decrypted with her key, is still verified; and the XSS corpus
 * ({@link XssCorpusIT}'s cases and checks) goes through the decrypted path: nothing runs, nothing is fetched.
 *
 * <p>Shares {@link WebmailBrowserIT}'s fixture (packaged Facteur, alice, bob and carol, the tracker, Chromium).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignedMailBrowserIT {
    static final String BOB_PASSPHRASE = "la fanfare de bob";
    static final String ALICE_PASSPHRASE = "le jardin d'alice";
    static final String SIGNED_TEXT = "Le code du portail est 2580.\r\nA demain, Bob\r\n";
    static final Pattern KEY = Pattern.compile("key: ([0-9A-F]{40})");
    static Gpg gpg;
    static String bobFingerprint;

    @BeforeAll
    static void start() throws Exception {
        WebmailBrowserIT.start();
        WebmailBrowserIT.trackerHits.clear();
        assertThat(facteur.admin("pgp", "enable", BOB, "--passphrase", BOB_PASSPHRASE).exitCode()).isZero();
        assertThat(facteur.admin("pgp", "enable", ALICE, "--passphrase", ALICE_PASSPHRASE).exitCode()).isZero();
        Matcher key = KEY.matcher(facteur.admin("pgp", "status", BOB).out());
        assertThat(key.find()).isTrue();
        bobFingerprint = key.group(1);

        FacteurProcess.Result secret = facteur.admin("pgp", "export-key", BOB, "--secret", "--passphrase", BOB_PASSPHRASE);
        assertThat(secret.exitCode()).as(secret.err()).isZero();
        gpg = new Gpg();
        Gpg.Result imported = gpg.run(secret.out().getBytes(StandardCharsets.US_ASCII), BOB_PASSPHRASE, "--import");
        assertThat(imported.exit()).as(imported.toString()).isZero();
        Gpg.Result carol = gpg.run(new byte[0], "", "--quick-generate-key", "Carol <" + CAROL + ">", "ed25519", "sign", "never");
        assertThat(carol.exit()).as(carol.toString()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gpg != null) {
            gpg.close();
        }
        WebmailBrowserIT.stop();
    }

    @Test
    @Order(1)
    void aSignatureByBobsKeyIsVerifiedAndOneChangedByteMakesItBad() throws Exception {
        String signed = signedMessage(BOB, BOB_PASSPHRASE, "Signed by bob", SIGNED_TEXT);
        send(BOB, BOB_PASSWORD, signed);
        String changed = signedMessage(BOB, BOB_PASSPHRASE, "Changed after signing", SIGNED_TEXT);
        assertThat(changed).containsOnlyOnce("2580");
        send(BOB, BOB_PASSWORD, changed.replace("2580", "2581"));
        send(CAROL, BOB_PASSWORD, signedMessage(CAROL, "", "Signed by carol", SIGNED_TEXT));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(ALICE, ALICE_PASSWORD, "INBOX")
                .containsAll(List.of("Signed by bob", "Changed after signing", "Signed by carol")));
        assertThat(new String(mail.raw(ALICE, ALICE_PASSWORD, "Signed by bob"), StandardCharsets.ISO_8859_1))
                .as("stored as sent, not encrypted").contains("multipart/signed").doesNotContain("multipart/encrypted");

        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        EncryptionSettingsBrowserIT.openMessage("Signed by bob");
        assertThat(browser.findElement(By.cssSelector(".pgp-signature")).getText())
                .isEqualTo("Signed by Bob <" + BOB + ">, fingerprint " + grouped(bobFingerprint) + ", verified.");
        assertThat(browser.findElement(By.cssSelector(".text-body")).getText()).contains("Le code du portail est 2580.");
        assertThat(browser.findElements(By.id("unlock-passphrase"))).as("no passphrase for a signed message").isEmpty();
        WebmailBrowserIT.screenshots("signed");

        EncryptionSettingsBrowserIT.openMessage("Changed after signing");
        assertThat(browser.findElement(By.cssSelector(".pgp-signature")).getText())
                .isEqualTo("Bad signature: the message was changed after it was signed.");
        assertThat(browser.findElement(By.cssSelector(".text-body")).getText()).contains("2581");

        EncryptionSettingsBrowserIT.openMessage("Signed by carol");
        assertThat(browser.findElement(By.cssSelector(".pgp-signature")).getText())
                .matches("Signed, but by a key Facteur does not know \\(key id [0-9A-F]{4}( [0-9A-F]{4}){3}\\)\\.");
        assertThat(browser.findElement(By.cssSelector(".pgp-signature")).getText().replace(" ", ""))
                .contains(carolSigningKeyId());
    }

    @Test
    @Order(2)
    void aSignedMessageEncryptedAtRestIsVerifiedOnceDecrypted() throws Exception {
        assertThat(facteur.admin("pgp", "enable", ALICE, "--passphrase", ALICE_PASSPHRASE, "--encrypt-incoming").exitCode())
                .isZero();
        send(BOB, BOB_PASSWORD, signedMessage(BOB, BOB_PASSPHRASE, "Signed then encrypted", SIGNED_TEXT));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(ALICE, ALICE_PASSWORD, "INBOX")
                .contains("Signed then encrypted"));
        assertThat(new String(mail.raw(ALICE, ALICE_PASSWORD, "Signed then encrypted"), StandardCharsets.ISO_8859_1))
                .contains("multipart/encrypted").doesNotContain("portail est 2580");

        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        EncryptionSettingsBrowserIT.openMessage("Signed then encrypted");
        unlock();
        assertThat(browser.findElement(By.cssSelector(".pgp-status")).getText()).startsWith("Encrypted with OpenPGP: decrypted");
        assertThat(browser.findElement(By.cssSelector(".pgp-signature")).getText())
                .isEqualTo("Signed by Bob <" + BOB + ">, fingerprint " + grouped(bobFingerprint) + ", verified.");
        assertThat(browser.findElement(By.cssSelector(".text-body")).getText()).contains("Le code du portail est 2580.");
    }

    @Test
    @Order(3)
    void theXssCorpusThroughTheDecryptedPathNeitherRunsNorFetches() throws Exception {
        long t0 = System.nanoTime();
        List<XssCorpusIT.Case> corpus = XssCorpusIT.loadCorpus();
        Map<String, Long> uids = XssCorpusIT.deliverToAlice(corpus);
        assertThat(new String(mail.raw(ALICE, ALICE_PASSWORD, corpus.getFirst().subject()), StandardCharsets.ISO_8859_1))
                .as("encrypted at rest to alice's key").contains("multipart/encrypted").doesNotContain("Benign text");

        logIn(ALICE, ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));
        browser.get(XssCorpusIT.messageUrl(uids, corpus.getFirst()));
        unlock();
        XssCorpusIT.openEachAndCheck(corpus, uids, (c, soft) -> soft.assertThat(browser.findElements(By.cssSelector(".pgp-decrypted")))
                .as(c.name() + ": shown through decryption").hasSize(1));
        System.out.printf("SignedMailBrowserIT: %d XSS cases delivered encrypted, opened decrypted and checked in %.1f s%n",
                corpus.size(), (System.nanoTime() - t0) / 1e9);
    }

    /** Gives alice's passphrase on the message page that asks it. */
    static void unlock() {
        browser.findElement(By.id("unlock-passphrase")).sendKeys(ALICE_PASSPHRASE);
        browser.findElement(By.id("unlock-button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".pgp-decrypted")));
    }

    /**
     * A PGP/MIME signed message (RFC 3156): the first part, CRLF line ends, is signed by gpg with the sender's key
     * (a detached SHA-512 signature in binary mode, as GnuPG-based clients do).
     */
    static String signedMessage(String from, String passphrase, String subject, String text) {
        String entity = "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n" + text;
        Gpg.Result signature = gpg.run(entity.getBytes(StandardCharsets.US_ASCII), passphrase, "--armor", "--detach-sign",
                "--digest-algo", "SHA512", "--local-user", from);
        assertThat(signature.exit()).as(signature.toString()).isZero();
        String name = from.equals(BOB) ? "Bob" : "Carol";
        return "From: " + name + " <" + from + ">\r\nTo: " + ALICE + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + subject.replace(' ', '.') + "@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/signed; micalg=pgp-sha512; protocol=\"application/pgp-signature\"; boundary=\"s1\"\r\n"
                + "\r\nThis is an OpenPGP/MIME signed message (RFC 4880 and 3156)\r\n"
                + "--s1\r\n" + entity + "\r\n--s1\r\n"
                + "Content-Type: application/pgp-signature; name=\"signature.asc\"\r\n\r\n"
                + signature.out().replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n--s1--\r\n";
    }

    /** Submits these bytes as they are (no re-serialisation by Jakarta Mail, which would not keep the signed part). */
    static void send(String user, String password, String raw) throws Exception {
        MimeMessage message = new MimeMessage(mail.session(), new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        try (Transport smtp = mail.session().getTransport("smtp")) {
            smtp.connect(user, password);
            smtp.sendMessage(message, message.getAllRecipients());
        }
    }

    /** The key id (last 16 hex digits) of carol's signing key in gpg. */
    static String carolSigningKeyId() {
        Gpg.Result listed = gpg.run(new byte[0], null, "--with-colons", "--list-keys", CAROL);
        Matcher fpr = Pattern.compile("(?m)^fpr:::::::::([0-9A-F]{40}):").matcher(listed.out());
        assertThat(fpr.find()).as(listed.toString()).isTrue();
        return fpr.group(1).substring(24);
    }

    static String grouped(String hex) {
        return hex.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
