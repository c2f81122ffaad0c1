package org.facteur.webmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.facteur.pgp.Certificate;
import org.facteur.pgp.GeneratedKey;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.mime.PgpMime;
import org.junit.jupiter.api.Test;

/** The signature line a PGP/MIME signed message gets, from real signatures checked by the pgp module. */
class SignatureCheckTest {
    static final char[] PASSPHRASE = "bob's long passphrase".toCharArray();
    static final OpenPgp PGP = new OpenPgp();
    static final GeneratedKey BOB = PGP.generateKey(KeySpec.forMailbox("Bob Martin", "bob@example.org"), PASSPHRASE);
    static final GeneratedKey BOB_UNNAMED = PGP.generateKey(KeySpec.forMailbox(null, "bob@example.org"), PASSPHRASE);
    static final GeneratedKey CAROL = PGP.generateKey(KeySpec.forMailbox("Carol", "carol@example.net"), PASSPHRASE);
    final PgpMime mime = new PgpMime(PGP);

    @Test
    void aSignatureByTheKeyKnownForTheSenderIsVerifiedWithTheNameOfItsUserId() throws Exception {
        byte[] signed = signedBy(BOB, "Robert <bob@example.org>");
        List<Certificate> known = List.of(cert(CAROL), cert(BOB));

        SignatureCheck check = check(signed, "Robert <bob@example.org>", known);

        assertThat(check.kind()).isEqualTo(SignatureCheck.Kind.VERIFIED);
        assertThat(check.signer()).isEqualTo("Bob Martin <bob@example.org>");
        assertThat(check.fingerprint()).matches("([0-9A-F]{4} ){9}[0-9A-F]{4}")
                .isEqualTo(grouped(cert(BOB).fingerprint()));
    }

    @Test
    void aKeyWithoutANameTakesTheNameOfTheFromHeader() throws Exception {
        byte[] signed = signedBy(BOB_UNNAMED, "\"Bob \\\"the builder\\\"\" <Bob@Example.org>");
        SignatureCheck check = check(signed, "\"Bob \\\"the builder\\\"\" <Bob@Example.org>", List.of(cert(BOB_UNNAMED)));
        assertThat(check.kind()).isEqualTo(SignatureCheck.Kind.VERIFIED);
        assertThat(check.signer()).isEqualTo("Bob \"the builder\" <bob@example.org>");

        assertThat(check(signed, "bob@example.org", List.of(cert(BOB_UNNAMED))).signer()).isEqualTo("bob@example.org");
    }

    @Test
    void aSignatureByAKeyNotKnownForTheSenderIsUnknownWithItsKeyId() throws Exception {
        byte[] signed = signedBy(CAROL, "bob@example.org");

        for (List<Certificate> known : List.of(List.<Certificate>of(), List.of(cert(BOB)))) {
            SignatureCheck check = check(signed, "bob@example.org", known);
            assertThat(check.kind()).isEqualTo(SignatureCheck.Kind.UNKNOWN_KEY);
            assertThat(check.keyId()).matches("[0-9A-F]{4}( [0-9A-F]{4}){3}");
            assertThat(cert(CAROL).keyFingerprints()).anyMatch(fp -> grouped(fp).endsWith(check.keyId()));
            assertThat(check.fingerprint()).isEmpty();
        }
    }

    @Test
    void oneChangedByteOfTheSignedPartIsABadSignature() throws Exception {
        String signed = new String(signedBy(BOB, "bob@example.org"), StandardCharsets.ISO_8859_1);
        byte[] changed = signed.replace("Meet at noon", "Meet at moon").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(changed).isNotEqualTo(signed.getBytes(StandardCharsets.ISO_8859_1));

        SignatureCheck check = check(changed, "bob@example.org", List.of(cert(BOB)));

        assertThat(check.kind()).isEqualTo(SignatureCheck.Kind.BAD);
        assertThat(check.signer()).isEmpty();
    }

    @Test
    void theSignedBytesAreCheckedAsReceivedWithBareLineFeeds() throws Exception {
        String signed = new String(signedBy(BOB, "bob@example.org"), StandardCharsets.ISO_8859_1);
        byte[] lf = signed.replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(check(lf, "bob@example.org", List.of(cert(BOB))).kind()).isEqualTo(SignatureCheck.Kind.VERIFIED);
    }

    @Test
    void anUnsignedMessageHasNoLine() {
        byte[] plain = "From: bob@example.org\r\nSubject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(SignatureCheck.of(mime.verify(plain, List.of(cert(BOB))), "bob@example.org", List.of(cert(BOB)))).isEmpty();
    }

    @Test
    void theAddressOfAFromValue() {
        assertThat(SignatureCheck.addressOf("Bob <Bob@Example.org>")).isEqualTo("bob@example.org");
        assertThat(SignatureCheck.addressOf("bob@example.org")).isEqualTo("bob@example.org");
        assertThat(SignatureCheck.addressOf("\"a <x@y>\" <bob@example.org>")).isEqualTo("bob@example.org");
        assertThat(SignatureCheck.addressOf(null)).isEmpty();
    }

    private SignatureCheck check(byte[] raw, String from, List<Certificate> known) {
        return SignatureCheck.of(mime.verify(raw, known), from, known).orElseThrow();
    }

    private byte[] signedBy(GeneratedKey key, String from) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setHeader("From", from);
        message.setSubject("Lunch");
        message.setText("Meet at noon.\nFrom the café.\n", "utf-8");
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mime.sign(message, key.secretKey().unlock(PASSPHRASE)).writeTo(out);
        return out.toByteArray();
    }

    private static Certificate cert(GeneratedKey key) {
        return key.secretKey().certificate();
    }

    private static String grouped(String hex) {
        return hex.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
