package org.facteur.pgp;

import java.util.Date;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/** Creates and applies key revocation signatures (low-level: the high-level API revokes in place). */
final class Revocations {
  private Revocations() {}

  static RevocationCertificate create(PGPPublicKey primary, PGPPrivateKey privateKey, Date now) {
    try {
      PGPSignatureGenerator generator = new PGPSignatureGenerator(Bc.signerFor(primary), primary);
      generator.init(PGPSignature.KEY_REVOCATION, privateKey);
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(true, now);
      hashed.setIssuerFingerprint(false, primary);
      hashed.setRevocationReason(false, RevocationReasonTags.NO_REASON, "");
      generator.setHashedSubpackets(hashed.generate());
      PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
      unhashed.setIssuerKeyID(false, primary.getKeyID());
      generator.setUnhashedSubpackets(unhashed.generate());
      return RevocationCertificate.of(generator.generateCertification(primary));
    } catch (PGPException e) {
      throw new PgpException("cannot create revocation certificate: " + e.getMessage(), e);
    }
  }

  static PGPPublicKeyRing apply(PGPPublicKeyRing ring, RevocationCertificate revocation) {
    PGPPublicKey primary = ring.getPublicKey();
    PGPSignature signature = revocation.signature();
    try {
      signature.init(new BcPGPContentVerifierBuilderProvider(), primary);
      if (!signature.verifyCertification(primary)) {
        throw new PgpException("revocation certificate is not valid for key " + Bc.hex(primary.getFingerprint()));
      }
    } catch (PGPException | RuntimeException e) {
      if (e instanceof PgpException pe) {
        throw pe;
      }
      throw new PgpException("revocation certificate is not valid for key " + Bc.hex(primary.getFingerprint()), e);
    }
    return PGPPublicKeyRing.insertPublicKey(ring, PGPPublicKey.addCertification(primary, signature));
  }
}
