package org.facteur.pgp;

import java.io.IOException;
import java.time.Instant;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.api.OpenPGPKey;

/** A secret key as stored: normally protected by a passphrase. Immutable. */
public final class SecretKey {
  private final OpenPGPKey bc;

  SecretKey(OpenPGPKey bc) {
    this.bc = bc;
  }

  SecretKey(PGPSecretKeyRing ring) {
    this(new OpenPGPKey(ring, Bc.API.getImplementation()));
  }

  /** Reads an armored or binary transferable secret key. */
  public static SecretKey read(byte[] armoredOrBinary) {
    try {
      OpenPGPKey key = Bc.reader().parseKey(armoredOrBinary);
      if (key == null) {
        throw new PgpException("no OpenPGP secret key in the input");
      }
      return new SecretKey(key);
    } catch (IOException | RuntimeException e) {
      throw e instanceof PgpException pe ? pe : new PgpException("not an OpenPGP secret key: " + e.getMessage(), e);
    }
  }

  public Certificate certificate() {
    return new Certificate(bc.toCertificate());
  }

  public String fingerprint() {
    return Bc.hex(bc.getFingerprint());
  }

  /** True when every secret key packet is encrypted with a passphrase. */
  public boolean isProtected() {
    for (var key : bc.getPGPSecretKeyRing()) {
      if (key.getS2KUsage() == 0 && !key.isPrivateKeyEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Decrypts the secret key material in memory; throws {@link WrongPassphraseException}. */
  public UnlockedKey unlock(char[] passphrase) {
    try {
      PGPSecretKeyRing open = PGPSecretKeyRing.copyWithNewPassword(
          bc.getPGPSecretKeyRing(), Bc.unprotector(passphrase == null ? new char[0] : passphrase), null);
      return new UnlockedKey(new OpenPGPKey(open, Bc.API.getImplementation()));
    } catch (PGPException | RuntimeException e) {
      throw new WrongPassphraseException(owner());
    }
  }

  /** A new self-signature moving the expiry (null = never); needs the passphrase to sign. */
  public SecretKey withExpiry(char[] passphrase, Instant expiry) {
    return unlock(passphrase).withExpiry(expiry).lock(passphrase);
  }

  public SecretKey withRevocation(RevocationCertificate revocation) {
    PGPSecretKeyRing ring = bc.getPGPSecretKeyRing();
    return new SecretKey(PGPSecretKeyRing.replacePublicKeys(
        ring, Revocations.apply(bc.toCertificate().getPGPPublicKeyRing(), revocation)));
  }

  public String armored() {
    return Bc.armored(bc, "secret key");
  }

  public byte[] binary() {
    return Bc.binary(bc, "secret key");
  }

  private String owner() {
    String address = certificate().primaryAddress();
    return address.isEmpty() ? fingerprint() : address;
  }

  @Override
  public String toString() {
    return "SecretKey[" + fingerprint() + "]";
  }
}
