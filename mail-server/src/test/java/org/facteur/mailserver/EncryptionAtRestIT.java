package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;

import org.facteur.pgp.Certificate;
import org.facteur.pgp.mime.HeaderProtection;
import org.facteur.pgp.mime.PgpMime;
import org.facteur.pgp.store.PgpSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Encryption at rest, end to end: mail arrives over SMTP, the users read it over IMAP, GnuPG judges the result
 * with the secret key exported through the administration.
 */
class EncryptionAtRestIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    static final String ALICE = MailServerExtension.ALICE;
    static final String ALICE_PASSPHRASE = "alice's long passphrase";
    static final String BOB = "bob@example.org";
    static final String BOB_PASSWORD = "B0b-password";
    static final String DAVE = "dave@example.org";
    static final String DAVE_PASSWORD = "D4ve-password";
    static final String DAVE_PASSPHRASE = "dave's other passphrase";
    static final Session SESSION = Session.getInstance(new Properties());

    @BeforeAll
    static void users() throws Exception {
        mail.server().admin().addUser(BOB, BOB_PASSWORD);
        mail.server().admin().addUser(DAVE, DAVE_PASSWORD);
        PgpSettings encrypt = new PgpSettings(true, false, false);
        // mixed case: addresses are case-insensitive
        mail.server().pgp().enable("Alice@Example.org", ALICE_PASSPHRASE.toCharArray(), encrypt);
        mail.server().pgp().enable(DAVE, DAVE_PASSPHRASE.toCharArray(), encrypt);
    }

    @Test
    void plainMailIsStoredEncryptedToEachRecipientsOwnKeyAndGpgDecryptsItBackToTheOriginalBody() throws Exception {
        String body = "Meet at the zebrafish pond at noon.\nThe code word is 7384-quokka.\n";
        mail.client().deliver(mail.client().message("carol@remote.test", ALICE + ", " + BOB + ", " + DAVE, "Quarterly plan", body));

        byte[] alices = raw(ALICE, MailServerExtension.ALICE_PASSWORD, "Quarterly plan");
        String alicesText = new String(alices, StandardCharsets.ISO_8859_1);
        MimeMessage stored = new MimeMessage(SESSION, new ByteArrayInputStream(alices));
        ContentType type = new ContentType(stored.getContentType());
        assertThat(type.getBaseType()).isEqualToIgnoringCase("multipart/encrypted");
        assertThat(type.getParameter("protocol")).isEqualTo("application/pgp-encrypted");
        assertThat(alicesText).doesNotContain("zebrafish").doesNotContain("quokka").doesNotContain("code word is");
        // what stays visible: the envelope headers and the message's own non-content headers, Subject included
        assertThat(stored.getSubject()).isEqualTo("Quarterly plan");
        assertThat(stored.getHeader("From")[0]).isEqualTo("carol@remote.test");
        assertThat(stored.getHeader("Return-Path")).isNotNull();

        try (Gpg gpg = new Gpg()) {
            importSecretKey(gpg, ALICE, ALICE_PASSPHRASE);
            Gpg.Result decrypted = gpg.run(Gpg.armoredBlock(alices), ALICE_PASSPHRASE, "--decrypt");
            assertThat(decrypted.exit()).as(decrypted.toString()).isZero();
            MimeMessage inner = new MimeMessage(SESSION, new ByteArrayInputStream(decrypted.stdout()));
            assertThat(lf((String) inner.getContent())).isEqualTo(body);
            assertThat(inner.getSubject()).isEqualTo("Quarterly plan");

            // dave's copy is encrypted to dave alone: alice's key cannot open it, dave's can
            byte[] daves = raw(DAVE, DAVE_PASSWORD, "Quarterly plan");
            assertThat(new String(daves, StandardCharsets.ISO_8859_1)).contains("multipart/encrypted").doesNotContain("quokka");
            assertThat(gpg.run(Gpg.armoredBlock(daves), ALICE_PASSPHRASE, "--decrypt").exit()).isNotZero();
            try (Gpg davesGpg = new Gpg()) {
                importSecretKey(davesGpg, DAVE, DAVE_PASSPHRASE);
                Gpg.Result forDave = davesGpg.run(Gpg.armoredBlock(daves), DAVE_PASSPHRASE, "--decrypt");
                assertThat(forDave.exit()).as(forDave.toString()).isZero();
                assertThat(lf(forDave.out())).contains(body);
            }
        }

        // bob did not turn encryption on: his copy is the plain message
        byte[] bobs = raw(BOB, BOB_PASSWORD, "Quarterly plan");
        MimeMessage plain = new MimeMessage(SESSION, new ByteArrayInputStream(bobs));
        assertThat(plain.getContentType()).startsWithIgnoringCase("text/plain");
        assertThat(lf((String) plain.getContent())).isEqualTo(body);
    }

    @Test
    void anAlreadyEncryptedMessageIsStoredUntouched() throws Exception {
        Certificate alicesKey = mail.server().pgp().store().certificate(ALICE).orElseThrow();
        MimeMessage original = mail.client().message("carol@remote.test", ALICE, "Sealed already", "only alice reads this quokka\n");
        original.saveChanges();
        MimeMessage encrypted = new PgpMime().encrypt(original, List.of(alicesKey), HeaderProtection.HIDE_SUBJECT);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        encrypted.writeTo(sent);
        byte[] sentBytes = sent.toByteArray();

        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("MAIL FROM:<carol@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + ALICE + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.sendBytes(sentBytes);
            assertThat(new String(sentBytes, StandardCharsets.ISO_8859_1)).endsWith("\r\n").doesNotContain("\r\n.");
            smtp.send(".\r\n");
            assertThat(smtp.reply()).startsWith("250");
        }

        byte[] stored = raw(ALICE, MailServerExtension.ALICE_PASSWORD, "...");
        assertThat(body(stored)).isEqualTo(body(sentBytes)); // byte for byte
        String storedText = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(storedText.split("-----BEGIN PGP MESSAGE-----", -1)).hasSize(2);
        for (String header : headerLines(sentBytes)) {
            assertThat(storedText).contains(header);
        }
    }

    private static byte[] raw(String user, String password, String subject) {
        return mail.client().raw(user, password, subject);
    }


    private static void importSecretKey(Gpg gpg, String user, String passphrase) {
        String secret = mail.server().pgp().exportSecretKey(user, passphrase.toCharArray());
        assertThat(secret).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
        Gpg.Result imported = gpg.run(secret.getBytes(StandardCharsets.US_ASCII), passphrase, "--import");
        assertThat(imported.exit()).as(imported.toString()).isZero();
    }


    /** The body after the header section, as ISO-8859-1 text (one char per byte), so a failure prints readably. */
    private static String body(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        return text.substring(text.indexOf("\r\n\r\n") + 4);
    }

    private static List<String> headerLines(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        return List.of(text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n(?![ \t])"));
    }

    private static String lf(String text) {
        return text.replace("\r\n", "\n");
    }
}
