package org.facteur.app.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.facteur.app.webmail.WebmailBrowserIT.BOB;
import static org.facteur.app.webmail.WebmailBrowserIT.BOB_PASSWORD;
import static org.facteur.app.webmail.WebmailBrowserIT.CAROL;
import static org.facteur.app.webmail.WebmailBrowserIT.browser;
import static org.facteur.app.webmail.WebmailBrowserIT.facteur;
import static org.facteur.app.webmail.WebmailBrowserIT.logIn;
import static org.facteur.app.webmail.WebmailBrowserIT.mail;
import static org.facteur.app.webmail.WebmailBrowserIT.waiting;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.facteur.mailserver.Gpg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A member brings the OpenPGP key she already has (issue #12, item 1: "import an existing key (armored secret key and
 * its passphrase, or a public key only)"), in real Chromium against the packaged Facteur: carol made her key with
 * Debian's gpg (ed25519 + cv25519, gpg's defaults); she pastes {@code gpg --export-secret-keys --armor} and its
 * passphrase in Settings → Encryption. A wrong passphrase imports nothing, with one sentence; the right one makes
 * {@code ./facteur admin pgp status} show gpg's fingerprint. With incoming encryption on, mail bob sends her is stored
 * {@code multipart/encrypted} to that key (her own gpg decrypts it), and the webmail opens it with her passphrase; an
 * inline PGP message gpg encrypted to her (an armored block in a text body) is shown decrypted in its place.
 */
class ImportSecretKeyBrowserIT {
    static final String PASSPHRASE = "la clé de carol, depuis 2019";
    static Gpg carolsGpg;
    static String fingerprint;
    static String exported;

    @BeforeAll
    static void start() throws Exception {
        WebmailBrowserIT.start();
        carolsGpg = new Gpg();
        Gpg.Result made = carolsGpg.run(new byte[0], PASSPHRASE, "--quick-gen-key", "Carol <" + CAROL + ">", "default",
                "default", "never");
        assertThat(made.exit()).as(made.toString()).isZero();
        Gpg.Result listed = carolsGpg.run(new byte[0], null, "--with-colons", "--list-secret-keys", CAROL);
        fingerprint = listed.out().lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        Gpg.Result secret = carolsGpg.run(new byte[0], PASSPHRASE, "--export-secret-keys", "--armor", CAROL);
        assertThat(secret.exit()).as(secret.toString()).isZero();
        exported = secret.out();
        assertThat(exported).contains("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    }

    @AfterAll
    static void stop() throws Exception {
        if (carolsGpg != null) {
            carolsGpg.close();
        }
        WebmailBrowserIT.stop();
    }

    private static void importWith(String passphrase) {
        browser.get(WebmailBrowserIT.url("/settings/encryption"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("import-secret-key")));
        // the armored key is set as a paste would, not typed key by key
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id("import-secret-key")), exported);
        browser.findElement(By.id("import-secret-passphrase")).sendKeys(passphrase);
        browser.findElement(By.id("import-secret-button")).click();
    }

    @Test
    void herGpgKeyImportedInThePageDecryptsHerMailHereAndInGpg() throws Exception {
        logIn(CAROL, BOB_PASSWORD);
        waiting().until(ExpectedConditions.urlContains("/mail"));

        importWith("not her passphrase");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"),
                "Wrong passphrase for " + CAROL + "'s key."));
        assertThat(facteur.admin("pgp", "status", CAROL).out()).contains("key: none");

        importWith(PASSPHRASE);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"),
                "Your key is imported: encrypted mail to you can be read here, and you can sign."));
        assertThat(browser.findElement(By.id("fingerprint")).getText().replace(" ", "")).isEqualTo(fingerprint);
        assertThat(facteur.admin("pgp", "status", CAROL).out()).contains("key: " + fingerprint);

        assertThat(facteur.admin("pgp", "enable", CAROL, "--passphrase", PASSPHRASE, "--encrypt-incoming").exitCode()).isZero();
        mail.submit(BOB, BOB_PASSWORD, mail.message(BOB, CAROL, "Trousseau", "La boîte aux lettres s'ouvre avec la clé 7."));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(CAROL, BOB_PASSWORD, "INBOX").contains("Trousseau"));
        byte[] raw = mail.raw(CAROL, BOB_PASSWORD, "Trousseau");
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).contains("multipart/encrypted").doesNotContain("clé 7");
        Gpg.Result decrypted = carolsGpg.run(Gpg.armoredBlock(raw), PASSPHRASE, "--decrypt");
        assertThat(decrypted.exit()).as(decrypted.toString()).isZero();
        assertThat(decrypted.stderr()).contains("DECRYPTION_OKAY");
        jakarta.mail.internet.MimeMessage inner = new jakarta.mail.internet.MimeMessage(mail.session(),
                new java.io.ByteArrayInputStream(decrypted.stdout()));
        assertThat((String) inner.getContent()).contains("La boîte aux lettres s'ouvre avec la clé 7.");

        EncryptionSettingsBrowserIT.openMessage("Trousseau");
        browser.findElement(By.id("unlock-passphrase")).sendKeys(PASSPHRASE);
        browser.findElement(By.id("unlock-button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".pgp-decrypted")));
        assertThat(browser.findElement(By.cssSelector(".text-body")).getText())
                .contains("La boîte aux lettres s'ouvre avec la clé 7.");

        // inline PGP, as Mailvelope and phone apps send it: an armored block in a text body, made by gpg
        assertThat(facteur.admin("pgp", "enable", CAROL, "--passphrase", PASSPHRASE).exitCode()).isZero(); // stored as sent
        Gpg.Result block = carolsGpg.run("Le code de l'alarme change lundi : 2468.\n".getBytes(StandardCharsets.UTF_8), null,
                "--armor", "--encrypt", "--recipient", CAROL);
        assertThat(block.exit()).as(block.toString()).isZero();
        mail.submit(BOB, BOB_PASSWORD, mail.message(BOB, CAROL, "Alarme", "Bonjour Carol,\n\n" + block.out() + "\nBob"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.subjects(CAROL, BOB_PASSWORD, "INBOX").contains("Alarme"));
        assertThat(new String(mail.raw(CAROL, BOB_PASSWORD, "Alarme"), StandardCharsets.ISO_8859_1))
                .contains("-----BEGIN PGP MESSAGE-----").doesNotContain("multipart/encrypted");
        EncryptionSettingsBrowserIT.openMessage("Alarme");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".pgp-decrypted"))); // still unlocked
        String shown = browser.findElement(By.cssSelector(".text-body")).getText();
        assertThat(shown).contains("Bonjour Carol,", "Le code de l'alarme change lundi : 2468.", "Bob")
                .doesNotContain("BEGIN PGP MESSAGE");
    }
}
