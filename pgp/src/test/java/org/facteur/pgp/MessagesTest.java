package org.facteur.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.pgp.TestKeys.ALICE;
import static org.facteur.pgp.TestKeys.BOB;
import static org.facteur.pgp.TestKeys.MALLORY;
import static org.facteur.pgp.TestKeys.cert;
import static org.facteur.pgp.TestKeys.unlocked;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private final OpenPgp pgp = new OpenPgp();
  private final byte[] text = "Bonjour Bob,\r\nrendez-vous à 18h.\r\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void signAndEncryptThenDecryptVerifies() {
    byte[] message = pgp.signAndEncrypt(text, unlocked(ALICE), List.of(cert(BOB)), true);
    assertThat(new String(message, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PGP MESSAGE-----");

    Decryption result = pgp.decrypt(message, unlocked(BOB), List.of(cert(ALICE)));

    assertThat(result).isInstanceOfSatisfying(Decryption.Decrypted.class, d -> {
      assertThat(d.plaintext()).isEqualTo(text);
      assertThat(d.signature()).isInstanceOfSatisfying(SignatureStatus.Verified.class,
          v -> assertThat(v.signerFingerprint()).isEqualTo(cert(ALICE).fingerprint()));
    });
  }

  @Test
  void encryptOnlyIsUnsigned() {
    byte[] message = pgp.encrypt(text, List.of(cert(BOB)), false);
    Decryption result = pgp.decrypt(message, unlocked(BOB), List.of(cert(ALICE)));
    assertThat(result).isInstanceOfSatisfying(Decryption.Decrypted.class,
        d -> assertThat(d.signature()).isInstanceOf(SignatureStatus.Unsigned.class));
  }

  @Test
  void wrongKeyIsNotEncryptedToThisKey() {
    byte[] message = pgp.encrypt(text, List.of(cert(BOB)), true);
    assertThat(pgp.decrypt(message, unlocked(MALLORY), List.of()))
        .isInstanceOf(Decryption.NotEncryptedToThisKey.class);
  }

  @Test
  void signatureByAnotherKeyIsNotVerified() {
    byte[] message = pgp.signAndEncrypt(text, unlocked(MALLORY), List.of(cert(BOB)), true);
    Decryption result = pgp.decrypt(message, unlocked(BOB), List.of(cert(ALICE)));
    assertThat(result).isInstanceOfSatisfying(Decryption.Decrypted.class,
        d -> assertThat(d.signature()).isInstanceOf(SignatureStatus.BadSignature.class));
  }

  @Test
  void tamperedCiphertextIsDamaged() {
    byte[] message = pgp.signAndEncrypt(text, unlocked(ALICE), List.of(cert(BOB)), false);
    for (int offset : new int[] {message.length - 5, message.length - 30, message.length / 2 + 60}) {
      byte[] tampered = message.clone();
      tampered[offset] ^= 0x01;
      Decryption result = pgp.decrypt(tampered, unlocked(BOB), List.of(cert(ALICE)));
      assertThat(result).as("flip at %d", offset).isInstanceOf(Decryption.Damaged.class);
    }
    byte[] truncated = java.util.Arrays.copyOf(message, message.length - 10);
    assertThat(pgp.decrypt(truncated, unlocked(BOB), List.of(cert(ALICE)))).isInstanceOf(Decryption.Damaged.class);
  }

  @Test
  void plainTextIsNotEncrypted() {
    assertThat(pgp.decrypt(text, unlocked(BOB), List.of())).isInstanceOf(Decryption.NotEncrypted.class);
    byte[] signedOnly = pgp.signDetached(text, unlocked(ALICE), false);
    assertThat(pgp.decrypt(signedOnly, unlocked(BOB), List.of())).isInstanceOf(Decryption.NotEncrypted.class);
  }

  @Test
  void detachedSignatureVerifiesOnlyWithTheSignersCertificateAndOnlyForTheSameBytes() {
    byte[] signature = pgp.signDetached(text, unlocked(ALICE), true);
    assertThat(new String(signature, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PGP SIGNATURE-----");
    assertThat(pgp.verifyDetached(text, signature, List.of(cert(ALICE)))).isInstanceOf(SignatureStatus.Verified.class);
    assertThat(pgp.verifyDetached(text, signature, List.of(cert(BOB)))).isInstanceOf(SignatureStatus.BadSignature.class);
    byte[] altered = text.clone();
    altered[3] ^= 0x20;
    assertThat(pgp.verifyDetached(altered, signature, List.of(cert(ALICE)))).isInstanceOf(SignatureStatus.BadSignature.class);
  }

  @Test
  void passphraseEncryptionRoundTripsAndRejectsWrongPassphrase() {
    String armored = pgp.encryptWithPassphrase(text, "1234".toCharArray(), Map.of("Passphrase-Format", "numeric9x4"));
    assertThat(armored).contains("Passphrase-Format: numeric9x4");
    assertThat(pgp.decryptWithPassphrase(armored.getBytes(StandardCharsets.US_ASCII), "1234".toCharArray())).isEqualTo(text);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> pgp.decryptWithPassphrase(armored.getBytes(StandardCharsets.US_ASCII), "4321".toCharArray()))
        .isInstanceOf(PgpException.class);
  }
}
