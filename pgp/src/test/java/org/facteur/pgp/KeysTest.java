package org.facteur.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.facteur.pgp.TestKeys.ALICE;
import static org.facteur.pgp.TestKeys.PASSPHRASE;
import static org.facteur.pgp.TestKeys.cert;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {

  @Test
  void generatedKeyHasFingerprintUserIdAndIsProtected() {
    Certificate cert = ALICE.secretKey().certificate();
    assertThat(cert.fingerprint()).matches("[0-9A-F]{40}");
    assertThat(cert.keyId()).isEqualTo(cert.fingerprint().substring(24));
    assertThat(cert.userIds()).containsExactly("Alice <alice@example.org>");
    assertThat(cert.primaryAddress()).isEqualTo("alice@example.org");
    assertThat(cert.expiresAt()).isEmpty();
    assertThat(cert.canEncrypt()).isTrue();
    assertThat(cert.keyFingerprints()).hasSize(2);
    assertThat(ALICE.secretKey().isProtected()).isTrue();
  }

  @Test
  void wrongPassphraseSaysWhoseKey() {
    assertThatThrownBy(() -> ALICE.secretKey().unlock("nope".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessage("wrong passphrase for alice@example.org's key");
  }

  @Test
  void armoredAndBinaryExportsReadBack() {
    SecretKey key = ALICE.secretKey();
    String armored = key.armored();
    assertThat(armored).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    assertThat(SecretKey.read(armored.getBytes(StandardCharsets.US_ASCII)).fingerprint()).isEqualTo(key.fingerprint());
    assertThat(SecretKey.read(key.binary()).unlock(PASSPHRASE).fingerprint()).isEqualTo(key.fingerprint());
    Certificate cert = key.certificate();
    assertThat(cert.armored()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----").doesNotContain("PRIVATE");
    assertThat(Certificate.read(cert.binary())).isEqualTo(cert);
    assertThat(Certificate.read(cert.armored().getBytes(StandardCharsets.US_ASCII)).fingerprint()).isEqualTo(cert.fingerprint());
  }

  @Test
  void readingGarbageFailsClearly() {
    assertThatThrownBy(() -> Certificate.read("hello".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(PgpException.class);
    assertThatThrownBy(() -> SecretKey.read(ALICE.secretKey().certificate().binary()))
        .isInstanceOf(PgpException.class);
  }

  @Test
  void expiryIsSetAndCanBeExtendedWithANewSelfSignature() {
    GeneratedKey key = TestKeys.GENERATOR.generate(
        KeySpec.forMailbox("Carol", "carol@example.org").withValidity(Duration.ofDays(30)), PASSPHRASE);
    Instant created = key.secretKey().certificate().createdAt();
    assertThat(key.secretKey().certificate().expiresAt()).contains(created.plus(Duration.ofDays(30)));

    Instant later = created.plus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
    SecretKey extended = key.secretKey().withExpiry(PASSPHRASE, later);
    assertThat(extended.certificate().expiresAt()).contains(later);
    assertThat(extended.certificate().canEncrypt()).isTrue();
    assertThat(extended.isProtected()).isTrue();
    assertThat(extended.withExpiry(PASSPHRASE, null).certificate().expiresAt()).isEmpty();
  }

  @Test
  void revocationMadeWithTheKeyRevokesIt() {
    Certificate cert = ALICE.secretKey().certificate();
    assertThat(cert.isRevoked()).isFalse();
    RevocationCertificate rev = RevocationCertificate.read(ALICE.revocation().armored().getBytes(StandardCharsets.US_ASCII));
    Certificate revoked = cert.withRevocation(rev);
    assertThat(revoked.isRevoked()).isTrue();
    assertThat(revoked.canEncrypt()).isFalse();
    assertThat(ALICE.secretKey().withRevocation(rev).certificate().isRevoked()).isTrue();
  }

  @Test
  void aRevocationMadeLaterFromTheUnlockedKeyRevokesItAndNoOtherKey() {
    RevocationCertificate later = ALICE.secretKey().unlock(PASSPHRASE).revocationCertificate(Instant.now());
    Certificate revoked = ALICE.secretKey().certificate().withRevocation(later);
    assertThat(revoked.isRevoked()).isTrue();
    assertThat(revoked.canEncrypt()).isFalse();
    assertThatThrownBy(() -> TestKeys.BOB.secretKey().certificate().withRevocation(later))
        .isInstanceOf(PgpException.class).hasMessageContaining("not valid");
  }

  @Test
  void aForgedRevocationPacketDoesNotRevoke() {
    var ring = cert(TestKeys.ALICE).bc().getPGPPublicKeyRing();
    var forged = org.bouncycastle.openpgp.PGPPublicKey.addCertification(ring.getPublicKey(), TestKeys.BOB.revocation().signature());
    Certificate withForgery = Certificate.read(
        new Certificate(new org.bouncycastle.openpgp.api.OpenPGPCertificate(
            org.bouncycastle.openpgp.PGPPublicKeyRing.insertPublicKey(ring, forged))).binary());
    assertThat(withForgery.isRevoked()).isFalse();
    assertThat(withForgery.canEncrypt()).isTrue();
  }

  @Test
  void revocationOfAnotherKeyIsRefused() {
    assertThatThrownBy(() -> TestKeys.cert(TestKeys.BOB).withRevocation(ALICE.revocation()))
        .isInstanceOf(PgpException.class)
        .hasMessageContaining("not valid for key");
  }

  @Test
  void minimalCertificateKeepsOneUserIdAndOneEncryptionKey() {
    GeneratedKey multi = TestKeys.GENERATOR.generate(
        new KeySpec(List.of("Dave <dave@example.org>", "Dave <Dave@Work.example>"), KeyAlgorithm.ED25519_CV25519, null),
        PASSPHRASE);
    Certificate full = multi.secretKey().certificate();
    Certificate minimal = full.minimalFor("dave@work.example");
    assertThat(minimal.userIds()).containsExactly("Dave <Dave@Work.example>");
    assertThat(minimal.fingerprint()).isEqualTo(full.fingerprint());
    assertThat(minimal.keyFingerprints()).hasSize(2);
    assertThat(minimal.canEncrypt()).isTrue();
    assertThat(full.filteredTo("DAVE@example.org").userIds()).containsExactly("Dave <dave@example.org>");
    assertThatThrownBy(() -> full.minimalFor("eve@example.org")).hasMessageContaining("no user ID for eve@example.org");
  }

  @Test
  void unprotectedKeyForSop() {
    GeneratedKey key = TestKeys.GENERATOR.generate(KeySpec.forMailbox("Sop", "sop@example.org"), new char[0]);
    assertThat(key.secretKey().isProtected()).isFalse();
    assertThat(UnlockedKey.readUnprotected(key.secretKey().binary()).fingerprint()).isEqualTo(key.secretKey().fingerprint());
  }
}
