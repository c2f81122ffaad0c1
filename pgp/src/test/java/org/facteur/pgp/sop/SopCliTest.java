package org.facteur.pgp.sop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SopCliTest {
  private static final byte[] DATA = "a message\nwith two lines\n".getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;
  private Sop sop;
  private String aliceKey;
  private String aliceCert;
  private String bobKey;
  private String bobCert;
  private String fingerprint;

  @BeforeEach
  void keys() throws Exception {
    sop = new Sop(dir);
    Sop.Run alice = sop.run(new byte[0], "generate-key", "Alice <alice@example.org>");
    assertThat(alice.exit()).isZero();
    assertThat(new String(alice.stdout(), StandardCharsets.US_ASCII)).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    aliceKey = sop.file("alice.key", alice.stdout());
    Sop.Run cert = sop.run(alice.stdout(), "extract-cert");
    assertThat(new String(cert.stdout(), StandardCharsets.US_ASCII)).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
    aliceCert = sop.file("alice.cert", cert.stdout());
    fingerprint = org.facteur.pgp.Certificate.read(cert.stdout()).fingerprint();
    Sop.Run bob = sop.run(new byte[0], "generate-key", "--no-armor", "Bob <bob@example.org>");
    bobKey = sop.file("bob.key", bob.stdout());
    bobCert = sop.file("bob.cert", sop.run(bob.stdout(), "extract-cert", "--no-armor").stdout());
  }

  @Test
  void signThenVerifyPrintsTheVerificationAndFailsWithExit3ForAnotherCert() throws Exception {
    String signature = sop.file("sig", sop.run(DATA, "sign", "--as=text", aliceKey).stdout());
    Sop.Run verified = sop.run(DATA, "verify", signature, aliceCert);
    assertThat(verified.exit()).isZero();
    assertThat(new String(verified.stdout(), StandardCharsets.UTF_8))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ [0-9A-F]{40} " + fingerprint + "\n");
    assertThat(sop.run(DATA, "verify", signature, bobCert).exit()).isEqualTo(3);
    assertThat(sop.run("changed".getBytes(StandardCharsets.UTF_8), "verify", signature, aliceCert).exit()).isEqualTo(3);
  }

  @Test
  void encryptSignedThenDecryptWithVerificationsOut() {
    Sop.Run encrypted = sop.run(DATA, "encrypt", "--sign-with=" + aliceKey, bobCert);
    assertThat(encrypted.exit()).as(encrypted.stderr()).isZero();
    String verifications = sop.path("verifications");
    Sop.Run decrypted = sop.run(encrypted.stdout(), "decrypt", "--verify-with=" + aliceCert, "--verifications-out=" + verifications, bobKey);
    assertThat(decrypted.exit()).as(decrypted.stderr()).isZero();
    assertThat(decrypted.stdout()).isEqualTo(DATA);
    assertThat(Path.of(verifications)).content().contains(fingerprint);

    assertThat(sop.run(encrypted.stdout(), "decrypt", aliceKey).exit()).as("wrong key").isEqualTo(29);
    assertThat(sop.run(encrypted.stdout(), "decrypt", "--verifications-out=" + verifications, bobKey).exit())
        .as("existing output").isEqualTo(59);
  }

  @Test
  void protectedKeysNeedTheirPassword() throws Exception {
    String password = sop.file("pw", "secret\n".getBytes(StandardCharsets.UTF_8));
    Sop.Run key = sop.run(new byte[0], "generate-key", "--with-key-password=" + password, "Carol <carol@example.org>");
    String carolKey = sop.file("carol.key", key.stdout());
    assertThat(sop.run(DATA, "sign", carolKey).exit()).isEqualTo(67);
    assertThat(sop.run(DATA, "sign", "--with-key-password=" + password, carolKey).exit()).isZero();
  }

  @Test
  void errorsUseTheDraftsExitCodes() {
    assertThat(sop.run(new byte[0], "version").stdout()).isEqualTo("facteur-sop 0.1.0\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(sop.run(new byte[0], "generate-key").exit()).isEqualTo(19);
    assertThat(sop.run(new byte[0], "sign", "--frobnicate", aliceKey).exit()).isEqualTo(37);
    assertThat(sop.run(new byte[0], "armor").exit()).isEqualTo(69);
    assertThat(sop.run(DATA, "encrypt", dir.resolve("missing").toString()).exit()).isEqualTo(61);
    assertThat(sop.run(DATA, "decrypt", bobKey).exit()).isEqualTo(41);
    assertThat(sop.run(DATA, "verify", aliceCert).exit()).isEqualTo(19);
    assertThat(Files.exists(dir.resolve("missing"))).isFalse();
  }
}
