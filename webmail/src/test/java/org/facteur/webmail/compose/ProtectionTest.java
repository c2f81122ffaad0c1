package org.facteur.webmail.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.facteur.pgp.GeneratedKey;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.SignatureStatus;
import org.facteur.pgp.UnlockedKey;
import org.facteur.pgp.mime.MimeDecryption;
import org.facteur.pgp.mime.PgpMime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The message the compose page sends, made with real keys by the {@code pgp} module, opened again by it. */
class ProtectionTest {
    static final char[] PASSPHRASE = "une phrase assez longue".toCharArray();
    static UnlockedKey alice;
    static UnlockedKey bob;
    static UnlockedKey carol;

    @BeforeAll
    static void keys() {
        OpenPgp pgp = new OpenPgp();
        alice = unlocked(pgp.generateKey(KeySpec.forMailbox("Alice", "alice@example.org"), PASSPHRASE));
        bob = unlocked(pgp.generateKey(KeySpec.forMailbox("Bob", "bob@example.org"), PASSPHRASE));
        carol = unlocked(pgp.generateKey(KeySpec.forMailbox("Carol", "carol@example.org"), PASSPHRASE));
    }

    private static UnlockedKey unlocked(GeneratedKey key) {
        return key.secretKey().unlock(PASSPHRASE);
    }

    @Test
    void encryptedToTheRecipientAndTheSenderOnlyWithTheSubjectStillReadable() throws Exception {
        MimeMessage sent = new Protection(null, List.of(bob.certificate(), alice.certificate())).apply(plain());
        String raw = raw(sent);
        assertThat(sent.getContentType()).startsWith("multipart/encrypted");
        assertThat(raw).contains("protocol=\"application/pgp-encrypted\"").contains("Subject: Code du portail")
                .doesNotContain("code est 2580");
        for (UnlockedKey reader : List.of(bob, alice)) {
            MimeDecryption opened = new PgpMime().decrypt(sent, reader, List.of());
            assertThat(opened).isInstanceOf(MimeDecryption.Decrypted.class);
            MimeDecryption.Decrypted d = (MimeDecryption.Decrypted) opened;
            assertThat((String) d.body().getContent()).isEqualToNormalizingNewlines("Le code est 2580.\n");
            assertThat(d.signature()).isInstanceOf(SignatureStatus.Unsigned.class);
        }
        assertThat(new PgpMime().decrypt(sent, carol, List.of())).isInstanceOf(MimeDecryption.NotEncryptedToThisKey.class);
    }

    @Test
    void signedAndEncryptedIsVerifiedWithTheSendersKeyOnceDecrypted() throws Exception {
        MimeMessage sent = new Protection(alice, List.of(bob.certificate(), alice.certificate())).apply(plain());
        assertThat(raw(sent)).as("Subject kept readable, not \"...\"").contains("Subject: Code du portail");
        MimeDecryption opened = new PgpMime().decrypt(sent, bob, List.of(alice.certificate()));
        assertThat(opened).isInstanceOfSatisfying(MimeDecryption.Decrypted.class, d -> assertThat(d.signature())
                .isInstanceOfSatisfying(SignatureStatus.Verified.class,
                        v -> assertThat(v.signerFingerprint()).isEqualTo(alice.fingerprint())));
    }

    @Test
    void signedOnlyIsPgpMimeSignedAndChecksWithTheSendersKeyNotAnother() throws Exception {
        MimeMessage sent = new Protection(alice, List.of()).apply(plain());
        assertThat(sent.getContentType()).startsWith("multipart/signed");
        byte[] bytes = raw(sent).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new PgpMime().verify(bytes, List.of(alice.certificate()))).isInstanceOf(SignatureStatus.Verified.class);
        assertThat(new PgpMime().verify(bytes, List.of(carol.certificate()))).isInstanceOf(SignatureStatus.BadSignature.class);
    }

    @Test
    void neitherLeavesTheMessageAsItWasAndNothingOfTheKeysIsPrinted() throws Exception {
        MimeMessage message = plain();
        assertThat(Protection.NONE.apply(message)).isSameAs(message);
        Protection both = new Protection(alice, List.of(bob.certificate(), bob.certificate(), alice.certificate()));
        assertThat(both.encryptTo()).as("a key given twice is used once").hasSize(2);
        assertThat(both.toString()).isEqualTo("Protection[signed=true, encryptedToKeys=2]");
    }

    private static MimeMessage plain() {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setFrom(new InternetAddress("alice@example.org"));
            m.setRecipients(Message.RecipientType.TO, "bob@example.org");
            m.setSubject("Code du portail", "UTF-8");
            m.setText("Le code est 2580.\n", "UTF-8");
            m.saveChanges();
            return m;
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static String raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
