package org.facteur.pgp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPUserAttributeSubpacketVector;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;

/** Cuts certificates down for Autocrypt (minimal) and WKD (matching user IDs only). */
final class CertificateFilter {
  private CertificateFilter() {}

  static OpenPGPCertificate onlyUserIdsFor(OpenPGPCertificate cert, String address) {
    PGPPublicKeyRing ring = cert.getPGPPublicKeyRing();
    List<PGPPublicKey> keys = new ArrayList<>();
    keys.add(primaryWithUserIdsFor(ring.getPublicKey(), address, false));
    ring.getPublicKeys().forEachRemaining(k -> {
      if (!k.isMasterKey()) {
        keys.add(k);
      }
    });
    return wrap(keys);
  }

  static OpenPGPCertificate minimal(OpenPGPCertificate cert, String address) {
    PGPPublicKeyRing ring = cert.getPGPPublicKeyRing();
    PGPPublicKey encryptionKey = cert.getEncryptionKeys().stream()
        .map(OpenPGPCertificate.OpenPGPComponentKey::getPGPPublicKey)
        .max(Comparator.comparing(PGPPublicKey::getCreationTime))
        .orElseThrow(() -> new PgpException("certificate " + Bc.hex(cert.getFingerprint()) + " has no usable encryption key"));
    List<PGPPublicKey> keys = new ArrayList<>();
    keys.add(primaryWithUserIdsFor(ring.getPublicKey(), address, true));
    if (!encryptionKey.isMasterKey()) {
      keys.add(encryptionKey);
    }
    return wrap(keys);
  }

  private static PGPPublicKey primaryWithUserIdsFor(PGPPublicKey primary, String address, boolean selfSignaturesOnly) {
    PGPPublicKey result = primary;
    boolean found = false;
    for (Iterator<String> it = primary.getUserIDs(); it.hasNext(); ) {
      String uid = it.next();
      if (!UserIds.matches(uid, address)) {
        result = PGPPublicKey.removeCertification(result, uid);
      } else {
        found = true;
        if (selfSignaturesOnly) {
          result = withoutThirdPartyCertifications(result, uid, primary.getKeyID());
        }
      }
    }
    if (!found) {
      throw new PgpException("certificate " + Bc.hex(primary.getFingerprint()) + " has no user ID for " + address);
    }
    for (Iterator<PGPUserAttributeSubpacketVector> it = primary.getUserAttributes(); it.hasNext(); ) {
      result = PGPPublicKey.removeCertification(result, it.next());
    }
    return result;
  }

  private static PGPPublicKey withoutThirdPartyCertifications(PGPPublicKey key, String uid, long ownKeyId) {
    PGPPublicKey result = key;
    for (Iterator<PGPSignature> it = key.getSignaturesForID(uid); it.hasNext(); ) {
      PGPSignature sig = it.next();
      if (sig.getKeyID() != ownKeyId) {
        result = PGPPublicKey.removeCertification(result, uid, sig);
      }
    }
    return result;
  }

  private static OpenPGPCertificate wrap(List<PGPPublicKey> keys) {
    return new OpenPGPCertificate(new PGPPublicKeyRing(keys), Bc.API.getImplementation());
  }
}
