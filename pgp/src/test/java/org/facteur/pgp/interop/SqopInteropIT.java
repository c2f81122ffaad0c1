package org.facteur.pgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.pgp.TestKeys.ALICE;
import static org.facteur.pgp.TestKeys.BOB;
import static org.facteur.pgp.TestKeys.MALLORY;
import static org.facteur.pgp.TestKeys.cert;
import static org.facteur.pgp.TestKeys.unlocked;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.Decryption;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.SignatureStatus;
import org.facteur.pgp.UnlockedKey;
import org.facteur.pgp.sop.Sop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facteur against Sequoia's sqop, both through the Java API and through Facteur's own SOP CLI.
 * Fails (does not skip) when sqop is missing.
 */
class SqopInteropIT {
  private static final byte[] TEXT = "Grüezi Bob\nvia sqop\n".repeat(30).getBytes(StandardCharsets.UTF_8);
  @TempDir static Path dir;
  private static String bobKeyFile;
  private static String aliceCertFile;
  private static String gusKeyFile;
  private static Certificate gus;
  private final OpenPgp pgp = new OpenPgp();

  @BeforeAll
  static void keys() throws Exception {
    Sqop.requireInstalled();
    bobKeyFile = write("bob.key", unlocked(BOB).armoredUnprotected().getBytes(StandardCharsets.US_ASCII));
    aliceCertFile = write("alice.cert", cert(ALICE).binary());
    Tool.Result generated = Sqop.run(new byte[0], "generate-key", "Gus <gus@example.org>");
    assertThat(generated.exit()).as(generated.toString()).isZero();
    gusKeyFile = write("gus.key", generated.stdout());
    gus = Certificate.read(Sqop.run(generated.stdout(), "extract-cert").stdout());
  }

  @Test
  void facteurSignAndEncryptIsDecryptedAndVerifiedBySqop() throws Exception {
    byte[] message = pgp.signAndEncrypt(TEXT, unlocked(ALICE), List.of(cert(BOB)), true);
    Path verifications = dir.resolve("verifications-1");
    Tool.Result result = Sqop.run(message, "decrypt", "--verify-with", aliceCertFile, "--verifications-out", verifications.toString(), bobKeyFile);
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.stdout()).isEqualTo(TEXT);
    assertThat(Files.readString(verifications)).contains(cert(ALICE).fingerprint());
  }

  @Test
  void sqopSignAndEncryptIsVerifiedByFacteur() throws Exception {
    Tool.Result encrypted = Sqop.run(TEXT, "encrypt", "--sign-with", gusKeyFile, write("bob.cert", cert(BOB).binary()));
    assertThat(encrypted.exit()).as(encrypted.toString()).isZero();
    assertThat(pgp.decrypt(encrypted.stdout(), unlocked(BOB), List.of(gus)))
        .isInstanceOfSatisfying(Decryption.Decrypted.class, d -> {
          assertThat(d.plaintext()).isEqualTo(TEXT);
          assertThat(d.signature()).isInstanceOfSatisfying(SignatureStatus.Verified.class,
              v -> assertThat(v.signerFingerprint()).isEqualTo(gus.fingerprint()));
        });
    assertThat(pgp.decrypt(encrypted.stdout(), unlocked(BOB), List.of(cert(ALICE))))
        .isInstanceOfSatisfying(Decryption.Decrypted.class, d -> assertThat(d.signature()).isInstanceOf(SignatureStatus.BadSignature.class));
    byte[] tampered = encrypted.stdout().clone();
    tampered[tampered.length / 2 + 30] ^= 0x02;
    assertThat(pgp.decrypt(tampered, unlocked(BOB), List.of(gus))).isInstanceOf(Decryption.Damaged.class);
  }

  @Test
  void detachedSignaturesCrossBothWays() throws Exception {
    byte[] ours = pgp.signDetached(TEXT, unlocked(ALICE), true);
    Tool.Result verified = Sqop.run(TEXT, "verify", write("ours.sig", ours), aliceCertFile);
    assertThat(verified.exit()).as(verified.toString()).isZero();
    assertThat(verified.out()).contains(cert(ALICE).fingerprint());
    assertThat(Sqop.run(TEXT, "verify", write("ours2.sig", ours), write("gus.cert", gus.binary())).exit())
        .as("sqop: wrong certificate").isEqualTo(3);

    Tool.Result theirs = Sqop.run(TEXT, "sign", gusKeyFile);
    assertThat(pgp.verifyDetached(TEXT, theirs.stdout(), List.of(gus))).isInstanceOf(SignatureStatus.Verified.class);
    assertThat(pgp.verifyDetached(TEXT, theirs.stdout(), List.of(cert(ALICE)))).isInstanceOf(SignatureStatus.BadSignature.class);
  }

  @Test
  void wrongKeyTamperingAndForeignSignaturesFailInSqop() throws Exception {
    Tool.Result wrongKey = Sqop.run(pgp.encrypt(TEXT, List.of(cert(MALLORY)), true), "decrypt", bobKeyFile);
    assertThat(wrongKey.exit()).isEqualTo(29);

    byte[] message = pgp.signAndEncrypt(TEXT, unlocked(ALICE), List.of(cert(BOB)), false);
    message[message.length - 25] ^= 0x08;
    Tool.Result damaged = Sqop.run(message, "decrypt", bobKeyFile);
    assertThat(damaged.exit()).isNotZero();
    assertThat(damaged.stdout()).isNotEqualTo(TEXT);

    Path verifications = dir.resolve("verifications-foreign");
    Tool.Result foreign = Sqop.run(pgp.signAndEncrypt(TEXT, unlocked(MALLORY), List.of(cert(BOB)), true),
        "decrypt", "--verify-with", aliceCertFile, "--verifications-out", verifications.toString(), bobKeyFile);
    assertThat(Files.exists(verifications) ? Files.readString(verifications) : "").doesNotContain(cert(ALICE).fingerprint()).isBlank();
  }

  @Test
  void facteurSopCliCrossedWithSqop() throws Exception {
    Sop sop = new Sop(dir);
    byte[] facteurKey = sop.run(new byte[0], "generate-key", "Fay <fay@example.org>").stdout();
    String facteurKeyFile = write("fay.key", facteurKey);
    String facteurCertFile = write("fay.cert", sop.run(facteurKey, "extract-cert").stdout());

    Sop.Run encrypted = sop.run(TEXT, "encrypt", "--sign-with=" + facteurKeyFile, write("gus.cert2", gus.binary()));
    assertThat(encrypted.exit()).as(encrypted.stderr()).isZero();
    Path verifications = dir.resolve("verifications-sop");
    Tool.Result decrypted = Sqop.run(encrypted.stdout(), "decrypt", "--verify-with", facteurCertFile,
        "--verifications-out", verifications.toString(), gusKeyFile);
    assertThat(decrypted.exit()).as(decrypted.toString()).isZero();
    assertThat(decrypted.stdout()).isEqualTo(TEXT);
    assertThat(Files.readString(verifications)).contains(UnlockedKey.readUnprotected(facteurKey).fingerprint());

    String textSignature = write("fay-text.sig", sop.run(TEXT, "sign", "--as=text", facteurKeyFile).stdout());
    Tool.Result sqopVerified = Sqop.run(TEXT, "verify", textSignature, facteurCertFile);
    assertThat(sqopVerified.exit()).as(sqopVerified.toString()).isZero();
    byte[] crlfText = new String(TEXT, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    assertThat(Sqop.run(crlfText, "verify", textSignature, facteurCertFile).exit()).as("text mode ignores line endings").isZero();

    String sqopSignature = write("sqop.sig", Sqop.run(TEXT, "sign", "--as", "text", gusKeyFile).stdout());
    String gusCertFile = write("gus.cert3", gus.binary());
    Sop.Run verified = sop.run(TEXT, "verify", sqopSignature, gusCertFile);
    assertThat(verified.exit()).as(verified.stderr()).isZero();
    assertThat(new String(verified.stdout(), StandardCharsets.UTF_8)).contains(gus.fingerprint());
    assertThat(sop.run(TEXT, "verify", sqopSignature, facteurCertFile).exit()).isEqualTo(3);

    Tool.Result sqopEncrypted = Sqop.run(TEXT, "encrypt", "--sign-with", gusKeyFile, facteurCertFile);
    Sop.Run ours = sop.run(sqopEncrypted.stdout(), "decrypt", "--verify-with=" + gusCertFile,
        "--verifications-out=" + dir.resolve("verifications-ours"), facteurKeyFile);
    assertThat(ours.exit()).as(ours.stderr()).isZero();
    assertThat(ours.stdout()).isEqualTo(TEXT);
    assertThat(Files.readString(dir.resolve("verifications-ours"))).contains(gus.fingerprint());
  }

  private static String write(String name, byte[] content) throws Exception {
    return Files.write(dir.resolve(name), content).toString();
  }
}
