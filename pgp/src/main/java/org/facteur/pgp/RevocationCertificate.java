package org.facteur.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/** A key revocation signature made in advance, to publish if the key is lost or compromised. */
public final class RevocationCertificate {
  private final byte[] binary;

  private RevocationCertificate(byte[] binary) {
    this.binary = binary.clone();
  }

  static RevocationCertificate of(PGPSignature signature) {
    try {
      return new RevocationCertificate(signature.getEncoded());
    } catch (IOException e) {
      throw new PgpException("cannot encode revocation signature", e);
    }
  }

  /** Reads an armored or binary revocation certificate. */
  public static RevocationCertificate read(byte[] armoredOrBinary) {
    PGPSignature sig = parse(armoredOrBinary);
    if (sig.getSignatureType() != PGPSignature.KEY_REVOCATION) {
      throw new PgpException("not a key revocation signature (type " + sig.getSignatureType() + ")");
    }
    return of(sig);
  }

  PGPSignature signature() {
    return parse(binary);
  }

  private static PGPSignature parse(byte[] data) {
    try (InputStream in = Bc.decoded(data)) {
      Object first = new BcPGPObjectFactory(in).nextObject();
      if (first instanceof PGPSignatureList list && !list.isEmpty()) {
        return list.get(0);
      }
      throw new PgpException("no revocation signature in the input");
    } catch (IOException e) {
      throw new PgpException("not a revocation certificate: " + e.getMessage(), e);
    }
  }

  public byte[] binary() {
    return binary.clone();
  }

  /**
   * Armored as a PUBLIC KEY BLOCK holding the lone signature, like GnuPG's own revocation
   * certificates: `gpg --import` accepts that, not a "PGP SIGNATURE" block.
   */
  public String armored() {
    return Armor.publicKeyBlock(binary, "Revocation certificate: importing it makes the key unusable");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RevocationCertificate other && Arrays.equals(binary, other.binary);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(binary);
  }
}
