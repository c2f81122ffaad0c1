package org.facteur.pgp.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.pgp.TestKeys.ALICE;
import static org.facteur.pgp.TestKeys.BOB;
import static org.facteur.pgp.TestKeys.MALLORY;
import static org.facteur.pgp.TestKeys.cert;
import static org.facteur.pgp.TestKeys.unlocked;
import static org.facteur.pgp.mime.TestMessages.bytes;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.facteur.pgp.Decryption;
import org.facteur.pgp.SignatureStatus;
import org.junit.jupiter.api.Test;

class PgpMimeTest {
  private final PgpMime mime = new PgpMime();

  @Test
  void signedMessageIsMultipartSignedWithSevenBitFirstPartAndVerifies() throws Exception {
    MimeMessage signed = mime.sign(TestMessages.plainText("Hello"), unlocked(ALICE));

    ContentType type = new ContentType(signed.getContentType());
    assertThat(type.getBaseType()).isEqualTo("multipart/signed");
    assertThat(type.getParameter("micalg")).isEqualTo("pgp-sha512");
    assertThat(type.getParameter("protocol")).isEqualTo("application/pgp-signature");
    MimeMultipart parts = (MimeMultipart) signed.getContent();
    assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")[0]).isEqualTo("quoted-printable");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("application/pgp-signature");
    assertThat(new String(bytes(signed), StandardCharsets.US_ASCII)).contains("\r\n=46rom the start of a line.");
    assertThat(signed.getSubject()).isEqualTo("Hello");

    MimeMessage received = reparsedWithLfLineEndings(signed);
    assertThat(mime.verify(received, List.of(cert(ALICE))))
        .isInstanceOfSatisfying(SignatureStatus.Verified.class,
            v -> assertThat(v.signerFingerprint()).isEqualTo(cert(ALICE).fingerprint()));
    assertThat(mime.verify(received, List.of(cert(BOB)))).isInstanceOfSatisfying(SignatureStatus.BadSignature.class,
        b -> assertThat(b.byUnknownKey()).isTrue());
  }

  @Test
  void receivedBytesAreVerifiedAsTheyCame() throws Exception {
    byte[] received = bytes(mime.sign(TestMessages.plainText("Hello"), unlocked(ALICE)));
    assertThat(mime.verify(received, List.of(cert(ALICE)))).isInstanceOf(SignatureStatus.Verified.class);
    assertThat(mime.verify(received, List.of(cert(BOB))))
        .isInstanceOfSatisfying(SignatureStatus.BadSignature.class, b -> {
          assertThat(b.byUnknownKey()).isTrue();
          assertThat(cert(ALICE).keyFingerprints()).containsAll(b.unknownKeyIds());
        });

    String raw = new String(received, StandardCharsets.ISO_8859_1);
    byte[] changed = raw.replace("Trailing", "Tra1ling").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(mime.verify(changed, List.of(cert(ALICE))))
        .isInstanceOfSatisfying(SignatureStatus.BadSignature.class, b -> assertThat(b.byUnknownKey()).isFalse());
    assertThat(mime.verify(changed, List.of(cert(BOB), cert(ALICE))))
        .isInstanceOfSatisfying(SignatureStatus.BadSignature.class, b -> assertThat(b.byUnknownKey()).isFalse());
  }

  @Test
  void multipartWithBinaryAttachmentIsSignedAndVerifies() throws Exception {
    MimeMessage signed = mime.sign(TestMessages.withAttachment("Attached"), unlocked(ALICE));
    assertThat(mime.verify(signed, List.of(cert(ALICE)))).isInstanceOf(SignatureStatus.Verified.class);
  }

  @Test
  void alteredSignedPartGivesBadSignature() throws Exception {
    MimeMessage signed = mime.sign(TestMessages.plainText("Hello"), unlocked(ALICE));
    String raw = new String(bytes(signed), StandardCharsets.ISO_8859_1).replace("Trailing", "Tra1ling");
    MimeMessage altered = new MimeMessage(TestMessages.SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(mime.verify(altered, List.of(cert(ALICE)))).isInstanceOf(SignatureStatus.BadSignature.class);
    assertThat(mime.verify(TestMessages.plainText("x"), List.of(cert(ALICE)))).isInstanceOf(SignatureStatus.Unsigned.class);
  }

  @Test
  void signAndEncryptHidesSubjectAndBodyAndDecryptsVerified() throws Exception {
    MimeMessage encrypted = mime.signAndEncrypt(TestMessages.withAttachment("Secret plans"), unlocked(ALICE), List.of(cert(BOB)));

    ContentType type = new ContentType(encrypted.getContentType());
    assertThat(type.getBaseType()).isEqualTo("multipart/encrypted");
    assertThat(type.getParameter("protocol")).isEqualTo("application/pgp-encrypted");
    assertThat(encrypted.getSubject()).isEqualTo("...");
    String raw = new String(bytes(encrypted), StandardCharsets.ISO_8859_1);
    assertThat(raw).contains("Version: 1").contains("-----BEGIN PGP MESSAGE-----")
        .doesNotContain("Secret plans").doesNotContain("Trailing space").doesNotContain("data.bin");
    assertThat(PgpMime.isEncrypted(encrypted)).isTrue();

    MimeDecryption result = mime.decrypt(reparsedWithLfLineEndings(encrypted), unlocked(BOB), List.of(cert(ALICE)));

    assertThat(result).isInstanceOfSatisfying(MimeDecryption.Decrypted.class, d -> {
      assertThat(d.signature()).isInstanceOfSatisfying(SignatureStatus.Verified.class,
          v -> assertThat(v.signerFingerprint()).isEqualTo(cert(ALICE).fingerprint()));
      assertThat(d.protectedSubject()).contains("Secret plans");
      try {
        MimeMultipart mixed = (MimeMultipart) d.body().getContent();
        assertThat(((String) mixed.getBodyPart(0).getContent()).replace("\r\n", "\n")).isEqualTo(TestMessages.BODY);
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("data.bin");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void encryptOnlyKeepsSubjectWhenAskedAndIsUnsigned() throws Exception {
    MimeMessage encrypted = mime.encrypt(TestMessages.plainText("Visible"), List.of(cert(BOB)), HeaderProtection.KEEP_SUBJECT);
    assertThat(encrypted.getSubject()).isEqualTo("Visible");
    assertThat(mime.decrypt(encrypted, unlocked(BOB), List.of(cert(ALICE))))
        .isInstanceOfSatisfying(MimeDecryption.Decrypted.class,
            d -> assertThat(d.signature()).isInstanceOf(SignatureStatus.Unsigned.class));
  }

  @Test
  void signedThenEncryptedSeparatelyIsVerifiedInside() throws Exception {
    MimeMessage signed = mime.sign(TestMessages.plainText("Nested"), unlocked(ALICE));
    MimeMessage encrypted = mime.encrypt(signed, List.of(cert(BOB)), HeaderProtection.KEEP_SUBJECT);
    assertThat(mime.decrypt(encrypted, unlocked(BOB), List.of(cert(ALICE))))
        .isInstanceOfSatisfying(MimeDecryption.Decrypted.class, d -> {
          assertThat(d.signature()).isInstanceOf(SignatureStatus.Verified.class);
          assertThat(d.protectedSubject()).contains("Nested");
        });
    assertThat(mime.decrypt(encrypted, unlocked(BOB), List.of(cert(MALLORY))))
        .isInstanceOfSatisfying(MimeDecryption.Decrypted.class,
            d -> assertThat(d.signature()).isInstanceOfSatisfying(SignatureStatus.BadSignature.class,
                b -> assertThat(b.byUnknownKey()).isTrue()));
  }

  @Test
  void failuresAreExplicit() throws Exception {
    MimeMessage encrypted = mime.signAndEncrypt(TestMessages.plainText("x"), unlocked(MALLORY), List.of(cert(BOB)));
    assertThat(mime.decrypt(encrypted, unlocked(ALICE), List.of())).isInstanceOf(MimeDecryption.NotEncryptedToThisKey.class);
    assertThat(mime.decrypt(encrypted, unlocked(BOB), List.of(cert(ALICE))))
        .isInstanceOfSatisfying(MimeDecryption.Decrypted.class,
            d -> assertThat(d.signature()).isInstanceOfSatisfying(SignatureStatus.BadSignature.class,
                b -> assertThat(b.byUnknownKey()).isTrue()));
    assertThat(mime.decrypt(TestMessages.plainText("x"), unlocked(BOB), List.of())).isInstanceOf(MimeDecryption.NotEncrypted.class);

    String raw = new String(bytes(encrypted), StandardCharsets.ISO_8859_1);
    int armorStart = raw.indexOf("-----BEGIN PGP MESSAGE-----");
    int target = raw.indexOf('\n', armorStart + 40) + 20;
    char flipped = raw.charAt(target) == 'A' ? 'B' : 'A';
    String tampered = raw.substring(0, target) + flipped + raw.substring(target + 1);
    MimeMessage damaged = new MimeMessage(TestMessages.SESSION, new ByteArrayInputStream(tampered.getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(mime.decrypt(damaged, unlocked(BOB), List.of(cert(MALLORY)))).isInstanceOf(MimeDecryption.Damaged.class);
  }

  @Test
  void inlinePgpMessageCountsAsEncrypted() throws Exception {
    byte[] armored = new org.facteur.pgp.OpenPgp().encrypt("hi".getBytes(StandardCharsets.UTF_8), List.of(cert(BOB)), true);
    MimeMessage inline = TestMessages.plainText("inline");
    inline.setText("\n" + new String(armored, StandardCharsets.US_ASCII));
    inline.saveChanges();
    assertThat(PgpMime.isEncrypted(inline)).isTrue();
    assertThat(PgpMime.isEncrypted(TestMessages.withAttachment("no"))).isFalse();
    assertThat(mime.decrypt(inline, unlocked(BOB), List.of())).isInstanceOf(MimeDecryption.Decrypted.class);
  }

  @Test
  void rawEightBitHeadersSurviveEncryptionByteForByte() throws Exception {
    // a legacy Latin-1 byte (not valid UTF-8) and a raw UTF-8 sequence, both unencoded
    String header = "Subject: Gr\u00fc\u00dfe / ";
    byte[] latin1 = header.getBytes(StandardCharsets.ISO_8859_1);
    byte[] utf8 = "Zoë".getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream original = new java.io.ByteArrayOutputStream();
    original.writeBytes("From: alice@example.org\r\nTo: bob@example.org\r\n".getBytes(StandardCharsets.US_ASCII));
    original.writeBytes(latin1);
    original.writeBytes(utf8);
    original.writeBytes("\r\nContent-Type: text/plain\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
    String subjectLine = new String(latin1, StandardCharsets.ISO_8859_1) + new String(utf8, StandardCharsets.ISO_8859_1) + "\r\n";

    MimeMessage message = new MimeMessage(TestMessages.SESSION, new ByteArrayInputStream(original.toByteArray()));
    byte[] stored = bytes(mime.encrypt(message, List.of(cert(BOB)), HeaderProtection.KEEP_SUBJECT));
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).contains(subjectLine);

    Decryption inner = new org.facteur.pgp.OpenPgp().decrypt(
        new MimeMessage(TestMessages.SESSION, new ByteArrayInputStream(stored)).getContent() instanceof MimeMultipart mp
            ? mp.getBodyPart(1).getInputStream().readAllBytes() : new byte[0],
        unlocked(BOB), List.of());
    assertThat(inner).isInstanceOfSatisfying(Decryption.Decrypted.class,
        d -> assertThat(new String(d.plaintext(), StandardCharsets.ISO_8859_1)).contains(subjectLine).endsWith("\r\n\r\nbody\r\n"));
  }

  /** As a message looks after a Unix mailbox stored it with LF line endings. */
  private static MimeMessage reparsedWithLfLineEndings(MimeMessage message) throws Exception {
    String raw = new String(bytes(message), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    return new MimeMessage(TestMessages.SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
  }
}
