package org.facteur.webmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;

import org.facteur.mailserver.MailServerExtension;
import org.facteur.webmail.live.Browser;
import org.facteur.webmail.live.RunningWebmail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Encrypted mail is explained, not shown as two opaque attachments (issue #15, item 22): until the webmail
 * decrypts, the message page says the message is encrypted with OpenPGP and how to read it. The messages are
 * delivered over SMTP to the real embedded server, as another server would, and the pages are asked for over
 * HTTP. The armored blocks are not real ciphertext: the webmail must judge by the structure and the text.
 */
class EncryptedMailIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();
    static final String ALICE = MailServerExtension.ALICE;
    static final String ARMOR = "-----BEGIN PGP MESSAGE-----\r\n\r\n"
            + "hF4DqYKc5a1nVjASAQdAm2Vq0hZ0c3R0ZXN0aW5nIG9ubHksIG5vdCByZWFsIGNpcGhlcnRleHQ=\r\n"
            + "=Zm9v\r\n-----END PGP MESSAGE-----\r\n";
    static final Map<String, Long> uids = new HashMap<>();
    static RunningWebmail webmail;
    static Browser alice;

    @BeforeAll
    static void setUp() throws Exception {
        deliver("pgp-mime", "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"enc\"\r\n\r\n"
                + "This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)\r\n"
                + "--enc\r\nContent-Type: application/pgp-encrypted\r\nContent-Description: PGP/MIME version identification\r\n\r\n"
                + "Version: 1\r\n\r\n"
                + "--enc\r\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\r\n"
                + "Content-Disposition: inline; filename=\"encrypted.asc\"\r\n\r\n" + ARMOR + "\r\n--enc--\r\n");
        deliver("inline-pgp", "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + ARMOR);
        deliver("pgp-signed", "Content-Type: multipart/signed; micalg=pgp-sha256; protocol=\"application/pgp-signature\"; boundary=\"sig\"\r\n\r\n"
                + "--sig\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nsigned words\r\n"
                + "--sig\r\nContent-Type: application/pgp-signature; name=\"signature.asc\"\r\n\r\n"
                + "-----BEGIN PGP SIGNATURE-----\r\n\r\niHUEARYIAB0WIQQ=\r\n=Zm9v\r\n-----END PGP SIGNATURE-----\r\n--sig--\r\n");
        // an ordinary reply that talks about PGP and quotes an armored block is not encrypted
        deliver("ordinary", "Content-Type: text/plain; charset=us-ascii\r\n\r\nplain words about PGP MESSAGE blocks\r\n\r\n"
                + "> " + ARMOR.replace("\r\n", "\r\n> "));
        webmail = RunningWebmail.start(mail.settings().ports());
        alice = webmail.browser().logIn(ALICE, MailServerExtension.ALICE_PASSWORD);
    }

    @AfterAll
    static void tearDown() {
        if (webmail != null) {
            webmail.close();
        }
    }

    @Test
    void pgpMimeMessageSaysItIsEncryptedAndWhatItsAttachmentsAre() throws Exception {
        String page = page("pgp-mime", "en");
        assertThat(page).contains("class=\"pgp-notice\"", "This message is encrypted with OpenPGP.",
                "Thunderbird", "OpenKeychain", "Its attachments are the encrypted message itself",
                "./facteur admin pgp export-key " + ALICE + " --secret");
        assertThat(page).as("the parts are still there to download").contains(">encrypted.asc<");
        assertThat(page).doesNotContain("The block of letters below", "signed with OpenPGP");

        assertThat(page("pgp-mime", "fr")).contains("Ce message est chiffré avec OpenPGP.",
                "Ses pièces jointes sont le message chiffré lui-même");
    }

    @Test
    void inlinePgpMessageSaysItIsEncrypted() throws Exception {
        String page = page("inline-pgp", "en");
        assertThat(page).contains("class=\"pgp-notice\"", "This message is encrypted with OpenPGP.",
                "The block of letters below is the encrypted message itself")
                .doesNotContain("Its attachments are the encrypted message itself");
    }

    @Test
    void aSignedMessageWhoseSignatureCannotBeReadIsABadSignature() throws Exception {
        String page = page("pgp-signed", "en");
        assertThat(page).contains("signed words", "Bad signature: the message was changed after it was signed.")
                .doesNotContain("class=\"pgp-notice\"", "verified");
    }

    @Test
    void ordinaryMessageHasNoNotice() throws Exception {
        String page = page("ordinary", "en");
        assertThat(page).contains("plain words about PGP MESSAGE blocks")
                .doesNotContain("pgp-notice", "pgp-signed", "encrypted with OpenPGP", "signed with OpenPGP");
    }

    private static String page(String subject, String language) throws Exception {
        HttpResponse<String> page = alice.get("/mail/message?folder=INBOX&uid=" + uids.get(subject), language);
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    /** Delivers a message of this subject to alice over SMTP and waits for its UID in her INBOX. */
    private static void deliver(String subject, String mimeHeadersAndBody) throws Exception {
        String raw = "From: Bob <bob@example.net>\r\nTo: " + ALICE + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + subject + "@example.net>\r\nMIME-Version: 1.0\r\n" + mimeHeadersAndBody;
        mail.client().deliver(new MimeMessage(mail.client().session(),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
        uids.put(subject, await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> uid(subject), uid -> uid > 0));
    }

    private static long uid(String subject) throws Exception {
        try (Store store = mail.client().imap(ALICE, MailServerExtension.ALICE_PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message m : inbox.getMessages()) {
                    if (subject.equals(m.getSubject())) {
                        return ((UIDFolder) inbox).getUID(m);
                    }
                }
                return -1;
            } finally {
                inbox.close(false);
            }
        }
    }
}
