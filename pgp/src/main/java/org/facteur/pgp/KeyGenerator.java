package org.facteur.pgp;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.api.KeyPairGeneratorCallback;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyGenerator;
import org.bouncycastle.openpgp.operator.PGPKeyPairGenerator;

/** Generates v4 keys that GnuPG 2.2 and sqop read, with a revocation certificate alongside. */
public final class KeyGenerator {
  private final Clock clock;

  public KeyGenerator() {
    this(Clock.systemUTC());
  }

  public KeyGenerator(Clock clock) {
    this.clock = clock;
  }

  /**
   * Generates the key; an empty or null passphrase leaves it unprotected (SOP's default),
   * otherwise the secret material is protected with AES-256 and an iterated+salted S2K.
   */
  public GeneratedKey generate(KeySpec spec, char[] passphrase) {
    Date now = Date.from(clock.instant());
    long expirySeconds = spec.validity() == null ? 0 : spec.validity().toSeconds();
    try {
      OpenPGPKeyGenerator.WithPrimaryKey builder = Bc.API.generateKey(4, now, false)
          .withPrimaryKey(primaryKeyPair(spec.algorithm()), AlgorithmPreferences.primary(expirySeconds));
      List<String> userIds = spec.userIds();
      for (int i = 0; i < userIds.size(); i++) {
        builder = builder.addUserId(userIds.get(i), AlgorithmPreferences.userId(expirySeconds, i == 0));
      }
      OpenPGPKey open = builder
          .addEncryptionSubkey(encryptionKeyPair(spec.algorithm()), AlgorithmPreferences.encryptionSubkey(expirySeconds))
          .build();
      PGPSecretKeyRing ring = open.getPGPSecretKeyRing();
      RevocationCertificate revocation = Revocations.create(
          ring.getPublicKey(), ring.getSecretKey().extractPrivateKey(null), now);
      return new GeneratedKey(new UnlockedKey(open).lock(passphrase), revocation);
    } catch (PGPException e) {
      throw new PgpException("cannot generate key for " + spec.userIds().getFirst() + ": " + e.getMessage(), e);
    }
  }

  private static KeyPairGeneratorCallback primaryKeyPair(KeyAlgorithm algorithm) {
    return switch (algorithm) {
      case ED25519_CV25519 -> PGPKeyPairGenerator::generateLegacyEd25519KeyPair;
      case RSA_3072 -> g -> g.generateRsaKeyPair(3072);
      case RSA_4096 -> g -> g.generateRsaKeyPair(4096);
    };
  }

  private static KeyPairGeneratorCallback encryptionKeyPair(KeyAlgorithm algorithm) {
    return switch (algorithm) {
      case ED25519_CV25519 -> PGPKeyPairGenerator::generateLegacyX25519KeyPair;
      case RSA_3072 -> g -> g.generateRsaKeyPair(3072);
      case RSA_4096 -> g -> g.generateRsaKeyPair(4096);
    };
  }

}
