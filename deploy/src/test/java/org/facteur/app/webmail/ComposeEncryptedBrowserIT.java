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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
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
 * Writing encrypted mail in real Chromium against the packaged Facteur (issue #12, "Writing"). Bob and alice have
 * keys made on the server ({@code ./facteur admin pgp enable}, incoming encryption off, so nothing but the compose
 * page encrypts); carol has none. Alice composes to bob: the page marks bob "key known" and ticks Encrypt by itself;
 * bob's raw copy over IMAP is {@code multipart/encrypted} and Debian's gpg, given only bob's exported secret key,
 * decrypts it to what alice typed; her copy in Sent is encrypted too, and gpg opens it with her key, as does the
 * webmail once she gives her passphrase. Adding carol
 * shows the warning naming her before anything is sent; sending encrypted to her is refused, the form kept, and
 * nothing reaches her. Signing: with Sign ticked the passphrase unlocks her key for the session; signed and
 * encrypted mail gives gpg alice's good signature once decrypted, and signed-only mail is {@code multipart/signed}
 * whose first part, cut from the bytes carol received (with the Autocrypt header the server adds once alice turned
 * it on), gpg verifies (and refuses with one byte changed).
 *
 * <p>Shares {@link WebmailBrowserIT}'s fixture (packaged Facteur, alice, bob and carol, Chromium).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeEncryptedBrowserIT {
    static final String BOB_PASSPHRASE = "la fanfare de bob";
    static final String ALICE_PASSPHRASE = "le jardin d'alice";
    static final String TYPED = "Rendez-vous à 19 h, le code du portail est 2580.\nAlice";
    static Gpg bobsGpg;
    static Gpg alicesGpg;

    @BeforeAll
    static void start() throws Exception {
        WebmailBrowserIT.start();
        assertThat(facteur.admin("pgp", "enable", BOB, "--passphrase", BOB_PASSPHRASE).exitCode()).isZero();
        assertThat(facteur.admin("pgp", "enable", ALICE, "--passphrase", ALICE_PASSPHRASE).exitCode()).isZero();
        bobsGpg = gpgWithSecretKeyOf(BOB, BOB_PASSPHRASE);
        alicesGpg = gpgWithSecretKeyOf(ALICE, ALICE_PASSPHRASE);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Gpg gpg : new Gpg[] {bobsGpg, alicesGpg}) {
            if (gpg != null) {
                gpg.close();
            }
        }
        WebmailBrowserIT.stop();
    }

    /** A fresh GNUPGHOME holding only this member's secret key, as {@code pgp export-key --secret} gives it. */
    static Gpg gpgWithSecretKeyOf(String address, String passphrase) throws Exception {
        FacteurProcess.Result secret = facteur.admin("pgp", "export-key", address, "--secret", "--passphrase", passphrase);
        assertThat(secret.exitCode()).as(secret.err()).isZero();
        Gpg gpg = new Gpg();
        Gpg.Result imported = gpg.run(secret.out().getBytes(StandardCharsets.US_ASCII), passphrase, "--import");
        assertThat(imported.exit()).as(imported.toString()).isZero();
        return gpg;
    }

    @Test
    @Order(1)
    void toBobWhoHasAKeyTheMessageIsEncryptedAndGpgOpensItWithHisKeyAndTheSentCopyWithHers() throws Exception {
        WebmailBrowserIT.compose(ALICE, ALICE_PASSWORD);
        assertThat(browser.findElement(By.id("encrypt")).isSelected()).as("no recipient yet").isFalse();
        browser.findElement(By.id("to")).sendKeys(BOB);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#recipient-keys li.has-key"),
                BOB + ": key known, can be encrypted"));
        waiting().until(ExpectedConditions.elementToBeSelected(By.id("encrypt")));
        assertThat(browser.findElement(By.id("pgp-warning")).isDisplayed()).isFalse();
        browser.findElement(By.id("subject")).sendKeys("Le portail");
        browser.findElement(By.id("body")).sendKeys(TYPED);
        WebmailBrowserIT.screenshots("compose-encrypted");
        browser.findElement(By.cssSelector(".actions button[type=submit]:not(.secondary)")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Message sent."));

        byte[] bobsCopy = mail.raw(BOB, BOB_PASSWORD, "Le portail");
        String stored = new String(bobsCopy, StandardCharsets.ISO_8859_1);
        MimeMessage received = new MimeMessage(mail.session(), new ByteArrayInputStream(bobsCopy));
        assertThat(received.isMimeType("multipart/encrypted")).as(stored).isTrue();
        assertThat(received.getContentType()).contains("application/pgp-encrypted");
        assertThat(stored).doesNotContain("portail est 2580");
        assertThat(decryptedText(bobsGpg, BOB_PASSPHRASE, bobsCopy)).isEqualTo(TYPED);
        Gpg.Result packets = bobsGpg.run(Gpg.armoredBlock(bobsCopy), BOB_PASSPHRASE, "--decrypt");
        assertThat(packets.stderr().split("\\[GNUPG:\\] ENC_TO ", -1)).as("encrypted to bob's key and alice's own: "
                + packets.stderr()).hasSize(3);

        byte[] sentCopy = mail.raw(ALICE, ALICE_PASSWORD, "Sent", "Le portail");
        assertThat(new MimeMessage(mail.session(), new ByteArrayInputStream(sentCopy)).isMimeType("multipart/encrypted")).isTrue();
        assertThat(new String(sentCopy, StandardCharsets.ISO_8859_1)).doesNotContain("portail est 2580");
        assertThat(decryptedText(alicesGpg, ALICE_PASSPHRASE, sentCopy)).isEqualTo(TYPED);

        // and the webmail opens her Sent copy with her key, like any encrypted mail
        browser.get(url("/mail?folder=Sent"));
        browser.findElement(By.partialLinkText("Le portail")).click();
        browser.findElement(By.id("unlock-passphrase")).sendKeys(ALICE_PASSPHRASE);
        browser.findElement(By.id("unlock-button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".pgp-decrypted")));
        assertThat(browser.findElement(By.cssSelector(".text-body")).getText()).contains("le code du portail est 2580.");
    }

    @Test
    @Order(2)
    void toCarolWithoutAKeyThePageWarnsBeforeSendingAndRefusesToEncrypt() throws Exception {
        WebmailBrowserIT.compose(ALICE, ALICE_PASSWORD);
        browser.findElement(By.id("to")).sendKeys(BOB + ", " + CAROL);
        String warning = "No OpenPGP key is known for " + CAROL + ": the message can only reach them unencrypted.";
        waiting().until(ExpectedConditions.textToBe(By.id("pgp-warning"), warning));
        assertThat(browser.findElement(By.id("pgp-warning")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("#recipient-keys li.no-key")).getText())
                .as("with its button to look her key up in her domain's Web Key Directory (lookups are on by default)")
                .isEqualTo(CAROL + ": no key known Look up in their Web Key Directory");
        assertThat(browser.findElement(By.id("encrypt")).isSelected()).as("not every recipient has a key").isFalse();
        WebmailBrowserIT.screenshots("compose-missing-key");

        browser.findElement(By.id("encrypt")).click();
        browser.findElement(By.id("subject")).sendKeys("Pour carol");
        browser.findElement(By.id("body")).sendKeys("Texte qui ne doit pas partir en clair.");
        browser.findElement(By.cssSelector(".actions button[type=submit]:not(.secondary)")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"),
                "Not sent: no OpenPGP key is known for " + CAROL + ". Remove them, or untick Encrypt"));
        assertThat(browser.findElement(By.id("body")).getAttribute("value")).isEqualTo("Texte qui ne doit pas partir en clair.");
        assertThat(browser.findElement(By.id("subject")).getAttribute("value")).isEqualTo("Pour carol");
        assertThat(browser.findElement(By.id("pgp-warning")).getText()).isEqualTo(warning);
        assertThat(mail.subjects(CAROL, BOB_PASSWORD, "INBOX")).doesNotContain("Pour carol");
        assertThat(mail.subjects(BOB, BOB_PASSWORD, "INBOX")).doesNotContain("Pour carol");
    }

    @Test
    @Order(3)
    void signedAndEncryptedToBobGpgFindsAlicesGoodSignatureInside() throws Exception {
        FacteurProcess.Result alicesPublicKey = facteur.admin("pgp", "export-key", ALICE);
        assertThat(alicesPublicKey.exitCode()).as(alicesPublicKey.err()).isZero();
        Gpg.Result imported = bobsGpg.run(alicesPublicKey.out().getBytes(StandardCharsets.US_ASCII), null, "--import");
        assertThat(imported.exit()).as(imported.toString()).isZero();
        String aliceFingerprint = facteur.admin("pgp", "status", ALICE).out().replaceAll("(?s).*key: ([0-9A-F]{40}).*", "$1");

        WebmailBrowserIT.compose(ALICE, ALICE_PASSWORD);
        assertThat(browser.findElement(By.id("signPassphrase")).isDisplayed()).as("shown once Sign is ticked").isFalse();
        browser.findElement(By.id("sign")).click();
        browser.findElement(By.id("signPassphrase")).sendKeys(ALICE_PASSPHRASE);
        browser.findElement(By.id("to")).sendKeys(BOB);
        waiting().until(ExpectedConditions.elementToBeSelected(By.id("encrypt")));
        browser.findElement(By.id("subject")).sendKeys("Signé et chiffré");
        browser.findElement(By.id("body")).sendKeys(TYPED);
        browser.findElement(By.cssSelector(".actions button[type=submit]:not(.secondary)")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Message sent."));

        byte[] bobsCopy = mail.raw(BOB, BOB_PASSWORD, "Signé et chiffré");
        assertThat(new MimeMessage(mail.session(), new ByteArrayInputStream(bobsCopy)).isMimeType("multipart/encrypted")).isTrue();
        Gpg.Result decrypted = bobsGpg.run(Gpg.armoredBlock(bobsCopy), BOB_PASSPHRASE, "--decrypt");
        assertThat(decrypted.stderr()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] VALIDSIG " + aliceFingerprint);
        assertThat(decryptedText(bobsGpg, BOB_PASSPHRASE, bobsCopy)).isEqualTo(TYPED);
    }

    @Test
    @Order(4)
    void signedOnlyToCarolIsPgpMimeSignedAndGpgVerifiesTheSignedPartAsDelivered() throws Exception {
        // Autocrypt on: the server adds its header to the submitted message, which must not disturb the signed part
        assertThat(facteur.admin("pgp", "enable", ALICE, "--passphrase", ALICE_PASSPHRASE, "--autocrypt").exitCode()).isZero();
        // same session as the test before: the key stays unlocked, no passphrase asked again
        browser.get(url("/compose"));
        assertThat(browser.findElements(By.id("signPassphrase"))).isEmpty();
        browser.findElement(By.id("sign")).click();
        browser.findElement(By.id("to")).sendKeys(CAROL);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#recipient-keys li.no-key"), CAROL));
        browser.findElement(By.id("subject")).sendKeys("Signé seulement");
        browser.findElement(By.id("body")).sendKeys(TYPED);
        browser.findElement(By.cssSelector(".actions button[type=submit]:not(.secondary)")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Message sent."));

        byte[] carolsCopy = mail.raw(CAROL, BOB_PASSWORD, "Signé seulement");
        MimeMessage received = new MimeMessage(mail.session(), new ByteArrayInputStream(carolsCopy));
        assertThat(received.isMimeType("multipart/signed")).isTrue();
        assertThat(received.getHeader("Autocrypt", null)).startsWith("addr=" + ALICE + ";");
        String raw = new String(carolsCopy, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
        String delimiter = "\r\n--" + new jakarta.mail.internet.ContentType(received.getContentType()).getParameter("boundary");
        int first = raw.indexOf(delimiter) + delimiter.length() + 2;
        int second = raw.indexOf(delimiter, first);
        Path signedPart = Files.createTempFile("signed-part", ".eml");
        Path signature = Files.createTempFile("signature", ".asc");
        try {
            Files.write(signedPart, raw.substring(first, second).getBytes(StandardCharsets.ISO_8859_1));
            Files.writeString(signature, raw.substring(raw.indexOf("-----BEGIN PGP SIGNATURE-----"),
                    raw.indexOf("-----END PGP SIGNATURE-----") + "-----END PGP SIGNATURE-----".length()), StandardCharsets.US_ASCII);
            Gpg.Result verified = bobsGpg.run(new byte[0], null, "--verify", signature.toString(), signedPart.toString());
            assertThat(verified.stderr()).as(verified.toString()).contains("[GNUPG:] GOODSIG");
            Files.write(signedPart, raw.substring(first, second).replace("2580", "2581").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(bobsGpg.run(new byte[0], null, "--verify", signature.toString(), signedPart.toString()).stderr())
                    .as("one changed byte").contains("[GNUPG:] BADSIG");
        } finally {
            Files.deleteIfExists(signedPart);
            Files.deleteIfExists(signature);
        }
    }

    /** gpg decrypts the armored block; its output, the inner MIME entity, is parsed and its text returned. */
    static String decryptedText(Gpg gpg, String passphrase, byte[] message) throws Exception {
        Gpg.Result decrypted = gpg.run(Gpg.armoredBlock(message), passphrase, "--decrypt");
        assertThat(decrypted.exit()).as(decrypted.toString()).isZero();
        assertThat(decrypted.stderr()).contains("DECRYPTION_OKAY").contains("GOODMDC");
        MimeMessage inner = new MimeMessage(mail.session(), new ByteArrayInputStream(decrypted.stdout()));
        assertThat(inner.isMimeType("text/plain")).as(decrypted.out()).isTrue();
        return ((String) inner.getContent()).replace("\r\n", "\n");
    }
}
