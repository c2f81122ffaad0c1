package org.facteur.pgp;

import java.time.Instant;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.api.OpenPGPKey;

/**
 * A secret key whose material is decrypted in memory, ready to sign and decrypt without paying
 * the passphrase's key derivation on every message. Keep it only as long as needed.
 */
public final class UnlockedKey {
  private final OpenPGPKey bc;

  UnlockedKey(OpenPGPKey bc) {
    this.bc = bc;
  }

  UnlockedKey(PGPSecretKeyRing ring) {
    this(new OpenPGPKey(ring, Bc.API.getImplementation()));
  }

  /** Reads an unprotected secret key (as SOP and Autocrypt Setup Messages carry them). */
  public static UnlockedKey readUnprotected(byte[] armoredOrBinary) {
    return SecretKey.read(armoredOrBinary).unlock(new char[0]);
  }

  OpenPGPKey bc() {
    return bc;
  }

  public Certificate certificate() {
    return new Certificate(bc.toCertificate());
  }

  public String fingerprint() {
    return Bc.hex(bc.getFingerprint());
  }

  /** Protects the key material with a passphrase again (an empty passphrase leaves it unprotected). */
  public SecretKey lock(char[] passphrase) {
    if (passphrase == null || passphrase.length == 0) {
      return new SecretKey(bc);
    }
    try {
      return new SecretKey(PGPSecretKeyRing.copyWithNewPassword(bc.getPGPSecretKeyRing(), null, Bc.protector(passphrase)));
    } catch (PGPException e) {
      throw new PgpException("cannot protect secret key " + fingerprint() + ": " + e.getMessage(), e);
    }
  }

  public UnlockedKey withExpiry(Instant expiry) {
    return new UnlockedKey(KeyExpiry.change(bc.getPGPSecretKeyRing(), expiry));
  }

  /**
   * A revocation certificate for this key, made now (for a key imported without one: the key's owner keeps it to
   * revoke the key if it is lost or stolen).
   */
  public RevocationCertificate revocationCertificate(Instant now) {
    try {
      PGPSecretKeyRing ring = bc.getPGPSecretKeyRing();
      return Revocations.create(ring.getPublicKey(), ring.getSecretKey().extractPrivateKey(null), java.util.Date.from(now));
    } catch (PGPException e) {
      throw new PgpException("cannot make a revocation certificate for " + fingerprint() + ": " + e.getMessage(), e);
    }
  }

  /** The unprotected transferable secret key, armored. Handle with care. */
  public String armoredUnprotected() {
    return Bc.armored(bc, "secret key");
  }

  public byte[] binaryUnprotected() {
    return Bc.binary(bc, "secret key");
  }

  @Override
  public String toString() {
    return "UnlockedKey[" + fingerprint() + "]";
  }
}
