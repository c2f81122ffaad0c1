package org.facteur.pgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.pgp.TestKeys.ALICE;
import static org.facteur.pgp.TestKeys.BOB;
import static org.facteur.pgp.TestKeys.MALLORY;
import static org.facteur.pgp.TestKeys.PASSPHRASE;
import static org.facteur.pgp.TestKeys.cert;
import static org.facteur.pgp.TestKeys.unlocked;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.Decryption;
import org.facteur.pgp.GeneratedKey;
import org.facteur.pgp.KeyAlgorithm;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.SecretKey;
import org.facteur.pgp.SignatureStatus;
import org.facteur.pgp.TestKeys;
import org.facteur.pgp.mime.MimeDecryption;
import org.facteur.pgp.mime.PgpMime;
import org.facteur.pgp.mime.TestMessages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Facteur against the real GnuPG 2.2 (/usr/bin/gpg), both directions. gpg holds Bob's secret
 * key (exported by Facteur), Alice's certificate, and a key of its own, Gus.
 */
class GnuPgInteropIT {
  private static final byte[] TEXT = "Hallo Bob,\nüber den Wolken.\n".repeat(20).getBytes(StandardCharsets.UTF_8);
  private static Gpg gpg;
  private static Certificate gus;
  private final OpenPgp pgp = new OpenPgp();

  @BeforeAll
  static void setUp() throws Exception {
    assertThat(Tool.installed("gpg")).as("gpg not installed (Debian package gnupg)").isTrue();
    gpg = new Gpg();
    assertThat(gpg.run(BOB.secretKey().armored().getBytes(StandardCharsets.US_ASCII), "--import").exit()).isZero();
    assertThat(gpg.run(cert(ALICE).binary(), "--import").exit()).isZero();
    Tool.Result generated = gpg.run(new byte[0], "--quick-generate-key", "Gus <gus@example.org>", "future-default", "default", "never");
    assertThat(generated.exit()).as(generated.toString()).isZero();
    gus = Certificate.read(gpg.run(new byte[0], "--export", "gus@example.org").stdout());
  }

  @AfterAll
  static void tearDown() throws Exception {
    gpg.close();
  }

  @Test
  void facteurKeyImportsWithTheSameFingerprintAndPreferencesThatAvoid3des() throws Exception {
    String colons = gpg.run(new byte[0], "--with-colons", "--fingerprint", "bob@example.org").out();
    assertThat(colons).contains("fpr:::::::::" + cert(BOB).fingerprint() + ":");
    assertThat(colons).contains("uid:").contains("Bob <bob@example.org>");
    String packets = gpg.run(gpg.run(new byte[0], "--export", "bob@example.org").stdout(), "--list-packets").out();
    String userIdSignature = packets.substring(packets.indexOf("sigclass 0x13"));
    assertThat(userIdSignature).contains("pref-sym-algos: 9 8 7").contains("pref-hash-algos: 10 9 8");

    Tool.Result encrypted = gpg.run(TEXT, "--encrypt", "--recipient", "bob@example.org");
    assertThat(encrypted.exit()).as(encrypted.toString()).isZero();
    Tool.Result encryptedPackets = gpg.run(encrypted.stdout(), "--verbose", "--list-packets");
    assertThat(encryptedPackets.stderr()).containsPattern("AES(256|192|128)? encrypted data")
        .doesNotContain("3DES").doesNotContain("CAST5");
    assertThat(cipherAlgorithm(gpg.run(encrypted.stdout(), "--decrypt").stderr())).isIn(7, 8, 9);

    Decryption result = pgp.decrypt(encrypted.stdout(), unlocked(BOB), List.of(cert(ALICE)));
    assertThat(result).isInstanceOfSatisfying(Decryption.Decrypted.class, d -> {
      assertThat(d.plaintext()).isEqualTo(TEXT);
      assertThat(d.signature()).isInstanceOf(SignatureStatus.Unsigned.class);
    });
  }

  @Test
  void facteurSignAndEncryptIsDecryptedAndVerifiedByGpg() {
    byte[] message = pgp.signAndEncrypt(TEXT, unlocked(ALICE), List.of(cert(BOB)), true);
    Tool.Result result = gpg.run(message, "--decrypt");
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.stdout()).isEqualTo(TEXT);
    assertThat(result.stderr()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] VALIDSIG " + cert(ALICE).fingerprint())
        .contains("[GNUPG:] GOODMDC").contains("[GNUPG:] DECRYPTION_OKAY");
    assertThat(cipherAlgorithm(result.stderr())).isIn(7, 8, 9);
  }

  @Test
  void gpgSignAndEncryptIsVerifiedByFacteur() {
    Tool.Result encrypted = gpg.run(TEXT, "--sign", "--local-user", "gus@example.org", "--encrypt", "--recipient", "bob@example.org", "--armor");
    assertThat(encrypted.exit()).as(encrypted.toString()).isZero();

    assertThat(pgp.decrypt(encrypted.stdout(), unlocked(BOB), List.of(gus, cert(ALICE))))
        .isInstanceOfSatisfying(Decryption.Decrypted.class, d -> {
          assertThat(d.plaintext()).isEqualTo(TEXT);
          assertThat(d.signature()).isInstanceOfSatisfying(SignatureStatus.Verified.class,
              v -> assertThat(v.signerFingerprint()).isEqualTo(gus.fingerprint()));
        });
    assertThat(pgp.decrypt(encrypted.stdout(), unlocked(BOB), List.of(cert(ALICE))))
        .as("signature by another key than the expected one")
        .isInstanceOfSatisfying(Decryption.Decrypted.class, d -> assertThat(d.signature()).isInstanceOf(SignatureStatus.BadSignature.class));
    assertThat(pgp.decrypt(encrypted.stdout(), unlocked(ALICE), List.of(gus)))
        .isInstanceOf(Decryption.NotEncryptedToThisKey.class);
  }

  @Test
  void gpgDetachedSignatureVerifiesInFacteurAndFacteursInGpg() throws Exception {
    Tool.Result signature = gpg.run(TEXT, "--detach-sign", "--armor", "--local-user", "gus@example.org");
    assertThat(pgp.verifyDetached(TEXT, signature.stdout(), List.of(gus))).isInstanceOf(SignatureStatus.Verified.class);
    assertThat(pgp.verifyDetached(TEXT, signature.stdout(), List.of(cert(ALICE)))).isInstanceOf(SignatureStatus.BadSignature.class);

    byte[] ours = pgp.signDetached(TEXT, unlocked(ALICE), true);
    Tool.Result verified = gpg.run(new byte[0], "--verify", gpg.file("ours.asc", ours).toString(), gpg.file("data", TEXT).toString());
    assertThat(verified.exit()).as(verified.toString()).isZero();
    assertThat(verified.stderr()).contains("[GNUPG:] VALIDSIG " + cert(ALICE).fingerprint());
  }

  @Test
  void facteurMultipartSignedPartsVerifyInGpg() throws Exception {
    MimeMessage signed = new PgpMime(pgp).sign(TestMessages.withAttachment("Signed for gpg"), unlocked(ALICE));
    String raw = new String(TestMessages.bytes(signed), StandardCharsets.ISO_8859_1);
    Matcher boundary = Pattern.compile("boundary=\"([^\"]+)\"").matcher(raw);
    assertThat(boundary.find()).isTrue();
    String delimiter = "\r\n--" + boundary.group(1);
    int first = raw.indexOf("--" + boundary.group(1) + "\r\n") + boundary.group(1).length() + 4;
    int second = raw.indexOf(delimiter, first);
    String signedPart = raw.substring(first, second);
    String signaturePart = raw.substring(second + delimiter.length(), raw.indexOf(delimiter + "--"));
    String armoredSignature = signaturePart.substring(signaturePart.indexOf("-----BEGIN PGP SIGNATURE-----"));

    Tool.Result verified = gpg.run(new byte[0], "--verify",
        gpg.file("sig.asc", armoredSignature.getBytes(StandardCharsets.US_ASCII)).toString(),
        gpg.file("signed-part", signedPart.getBytes(StandardCharsets.ISO_8859_1)).toString());
    assertThat(verified.exit()).as(verified.toString()).isZero();
    assertThat(verified.stderr()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] VALIDSIG " + cert(ALICE).fingerprint());
    assertThat(signedPart).doesNotContain("Content-Transfer-Encoding: 8bit").doesNotContain("Content-Transfer-Encoding: binary");
  }

  @Test
  void facteurPgpMimeEncryptedBodyDecryptsInGpgToTheMimeEntity() throws Exception {
    MimeMessage encrypted = new PgpMime(pgp).signAndEncrypt(TestMessages.plainText("Protected subject"), unlocked(ALICE), List.of(cert(BOB)));
    String raw = new String(TestMessages.bytes(encrypted), StandardCharsets.ISO_8859_1);
    String armored = raw.substring(raw.indexOf("-----BEGIN PGP MESSAGE-----"), raw.indexOf("-----END PGP MESSAGE-----") + 25);
    Tool.Result result = gpg.run(armored.getBytes(StandardCharsets.US_ASCII), "--decrypt");
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.stderr()).contains("[GNUPG:] VALIDSIG " + cert(ALICE).fingerprint()).contains("[GNUPG:] GOODMDC");
    assertThat(result.out()).contains("protected-headers=\"v1\"").contains("Subject: Protected subject");

    Tool.Result gpgMessage = gpg.run(
        ("Content-Type: text/plain; charset=utf-8\r\n\r\nfrom gpg\r\n").getBytes(StandardCharsets.US_ASCII),
        "--sign", "--local-user", "gus@example.org", "--encrypt", "--recipient", "bob@example.org", "--armor");
    MimeMessage wrapped = TestMessages.plainText("x");
    wrapped.setText(new String(gpgMessage.stdout(), StandardCharsets.US_ASCII));
    wrapped.saveChanges();
    assertThat(new PgpMime(pgp).decrypt(wrapped, unlocked(BOB), List.of(gus)))
        .isInstanceOfSatisfying(MimeDecryption.Decrypted.class, d -> assertThat(d.signature().isVerified()).isTrue());
  }

  @Test
  void encryptionAtRestIsUnsignedAndGpgRestoresTheOriginalBody() throws Exception {
    MimeMessage stored = new PgpMime(pgp).encrypt(TestMessages.plainText("At rest"), List.of(cert(BOB)),
        org.facteur.pgp.mime.HeaderProtection.KEEP_SUBJECT);
    String raw = new String(TestMessages.bytes(stored), StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain("Trailing space here");
    String armored = raw.substring(raw.indexOf("-----BEGIN PGP MESSAGE-----"), raw.indexOf("-----END PGP MESSAGE-----") + 25);
    Tool.Result result = gpg.run(armored.getBytes(StandardCharsets.US_ASCII), "--decrypt");
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.stderr()).contains("[GNUPG:] DECRYPTION_OKAY").doesNotContain("[GNUPG:] NEWSIG");
    assertThat(new String(result.stdout(), StandardCharsets.UTF_8).replace("\r\n", "\n")).endsWith("\n\n" + TestMessages.BODY);
  }

  @Test
  void tamperedWrongKeyAndForeignSignatureNeverLookValidToGpg() {
    byte[] message = pgp.signAndEncrypt(TEXT, unlocked(ALICE), List.of(cert(BOB)), false);
    byte[] tampered = message.clone();
    tampered[tampered.length - 40] ^= 0x04;
    Tool.Result damaged = gpg.run(tampered, "--decrypt");
    assertThat(damaged.exit()).isNotZero();
    assertThat(damaged.stderr()).doesNotContain("[GNUPG:] GOODSIG").doesNotContain("[GNUPG:] DECRYPTION_OKAY");

    Tool.Result wrongKey = gpg.run(pgp.encrypt(TEXT, List.of(cert(MALLORY)), true), "--decrypt");
    assertThat(wrongKey.exit()).isNotZero();
    assertThat(wrongKey.stderr()).contains("[GNUPG:] NO_SECKEY").doesNotContain("DECRYPTION_OKAY");

    Tool.Result foreign = gpg.run(pgp.signAndEncrypt(TEXT, unlocked(MALLORY), List.of(cert(BOB)), true), "--decrypt");
    assertThat(foreign.stderr()).doesNotContain("[GNUPG:] GOODSIG").contains("[GNUPG:] NO_PUBKEY");
  }

  @Test
  void gpgTamperedMessageIsDamagedForFacteur() {
    Tool.Result encrypted = gpg.run(TEXT, "--sign", "--local-user", "gus@example.org", "--encrypt", "--recipient", "bob@example.org");
    byte[] tampered = encrypted.stdout().clone();
    tampered[tampered.length / 2 + 40] ^= 0x10;
    assertThat(pgp.decrypt(tampered, unlocked(BOB), List.of(gus))).isInstanceOf(Decryption.Damaged.class);
  }

  @Test
  void gpgSecretKeyIsReadAndUnlockedByFacteur() {
    Tool.Result exported = gpg.run(new byte[0], "--armor", "--export-secret-keys", "gus@example.org");
    SecretKey key = SecretKey.read(exported.stdout());
    assertThat(key.fingerprint()).isEqualTo(gus.fingerprint());
    byte[] message = gpg.run(TEXT, "--encrypt", "--recipient", "gus@example.org").stdout();
    assertThat(pgp.decrypt(message, key.unlock(Gpg.PASSPHRASE.toCharArray()), List.of()))
        .isInstanceOfSatisfying(Decryption.Decrypted.class, d -> assertThat(d.plaintext()).isEqualTo(TEXT));
  }

  @Test
  void rsaKeyFromFacteurWorksInGpg() {
    GeneratedKey rsa = TestKeys.GENERATOR.generate(KeySpec.forMailbox("Rita", "rita@example.org").withAlgorithm(KeyAlgorithm.RSA_3072), PASSPHRASE);
    assertThat(gpg.run(rsa.secretKey().armored().getBytes(StandardCharsets.US_ASCII), "--import").exit()).isZero();
    Tool.Result result = gpg.run(pgp.signAndEncrypt(TEXT, rsa.secretKey().unlock(PASSPHRASE), List.of(rsa.secretKey().certificate()), true), "--decrypt");
    assertThat(result.stderr()).contains("[GNUPG:] VALIDSIG " + rsa.secretKey().fingerprint()).contains("[GNUPG:] DECRYPTION_OKAY");
    assertThat(result.stdout()).isEqualTo(TEXT);
  }

  @Test
  void revocationCertificateImportsIntoGpgAndRevokesTheKey() throws Exception {
    GeneratedKey key = TestKeys.generate("Rev", "rev@example.org");
    try (Gpg other = new Gpg()) {
      assertThat(other.run(key.secretKey().certificate().binary(), "--import").exit()).isZero();
      Tool.Result imported = other.run(key.revocation().armored().getBytes(StandardCharsets.US_ASCII), "--import");
      // exit status is 2 in a fresh home only because gpg cannot open a trustdb it never created
      assertThat(imported.stderr()).as(imported.toString()).contains("revocation certificate imported");
      assertThat(other.run(new byte[0], "--with-colons", "--list-keys", "rev@example.org").out()).startsWith("tru").contains("pub:r:");
    }
  }

  @Test
  void autocryptAndWkdKeysImportIntoGpg() throws Exception {
    String header = org.facteur.pgp.autocrypt.AutocryptHeader.forKey(cert(ALICE), "alice@example.org",
        org.facteur.pgp.autocrypt.PreferEncrypt.MUTUAL).value();
    Certificate fromHeader = org.facteur.pgp.autocrypt.AutocryptHeaderParser.parse(header).orElseThrow().certificate();
    byte[] wkd = org.facteur.pgp.wkd.WebKeyDirectory.publishedKey(cert(ALICE), "Alice@Example.org");
    for (byte[] key : List.of(fromHeader.binary(), wkd)) {
      try (Gpg other = new Gpg()) {
        Tool.Result imported = other.run(key, "--import");
        assertThat(imported.stderr()).as(imported.toString()).contains("[GNUPG:] IMPORT_OK").contains(cert(ALICE).fingerprint());
        Tool.Result encrypted = other.run(TEXT, "--encrypt", "--recipient", "alice@example.org");
        assertThat(encrypted.exit()).as(encrypted.toString()).isZero();
        assertThat(pgp.decrypt(encrypted.stdout(), unlocked(ALICE), List.of())).isInstanceOf(Decryption.Decrypted.class);
      }
    }
  }

  /** The symmetric algorithm from gpg's DECRYPTION_INFO status line (7-9 = AES, 2 = 3DES). */
  private static int cipherAlgorithm(String status) {
    Matcher m = Pattern.compile("\\[GNUPG:\\] DECRYPTION_INFO \\d+ (\\d+)").matcher(status);
    assertThat(m.find()).as("no DECRYPTION_INFO in:\n" + status).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
