package org.facteur.pgp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;

/**
 * Moves a key's expiry by issuing new self-signatures (user IDs, direct key, encryption subkey
 * bindings) that copy the latest ones and change only the expiry and creation time. The
 * superseded signature is dropped, so two changes within one second cannot tie.
 */
final class KeyExpiry {
  private KeyExpiry() {}

  static PGPSecretKeyRing change(PGPSecretKeyRing ring, Instant expiry) {
    PGPPublicKey primary = ring.getPublicKey();
    try {
      PGPPrivateKey privateKey = ring.getSecretKey().extractPrivateKey(null);
      Date now = new Date();
      PGPPublicKey updated = primary;
      for (Iterator<String> it = primary.getUserIDs(); it.hasNext(); ) {
        String uid = it.next();
        PGPSignature latest = latestSelfSignature(primary.getSignaturesForID(uid), primary.getKeyID());
        if (latest != null) {
          PGPSignature fresh = resign(latest, primary, privateKey, secondsUntil(expiry, primary), now)
              .generateCertification(uid, primary);
          updated = PGPPublicKey.addCertification(PGPPublicKey.removeCertification(updated, uid, latest), uid, fresh);
        }
      }
      PGPSignature direct = latestSelfSignature(primary.getSignaturesOfType(PGPSignature.DIRECT_KEY), primary.getKeyID());
      if (direct != null) {
        updated = PGPPublicKey.addCertification(PGPPublicKey.removeCertification(updated, direct),
            resign(direct, primary, privateKey, secondsUntil(expiry, primary), now).generateCertification(primary));
      }
      List<PGPPublicKey> keys = new ArrayList<>();
      keys.add(updated);
      for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
        PGPPublicKey subkey = it.next();
        if (subkey.isMasterKey()) {
          continue;
        }
        PGPSignature binding = latestSelfSignature(subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING), primary.getKeyID());
        if (binding != null) {
          subkey = PGPPublicKey.addCertification(PGPPublicKey.removeCertification(subkey, binding),
              resign(binding, primary, privateKey, secondsUntil(expiry, subkey), now).generateCertification(primary, subkey));
        }
        keys.add(subkey);
      }
      return PGPSecretKeyRing.replacePublicKeys(ring, new PGPPublicKeyRing(keys));
    } catch (PGPException e) {
      throw new PgpException("cannot change expiry of key " + Bc.hex(primary.getFingerprint()) + ": " + e.getMessage(), e);
    }
  }

  private static long secondsUntil(Instant expiry, PGPPublicKey key) {
    if (expiry == null) {
      return 0;
    }
    long seconds = expiry.getEpochSecond() - key.getCreationTime().toInstant().getEpochSecond();
    if (seconds <= 0) {
      throw new PgpException("expiry " + expiry + " is before the key was created");
    }
    return seconds;
  }

  private static PGPSignatureGenerator resign(
      PGPSignature latest, PGPPublicKey primary, PGPPrivateKey privateKey, long expirySeconds, Date now)
      throws PGPException {
    PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator(latest.getHashedSubPackets());
    hashed.removePacketsOfType(SignatureSubpacketTags.CREATION_TIME);
    hashed.setSignatureCreationTime(true, now);
    AlgorithmPreferences.setExpiry(hashed, expirySeconds);
    PGPSignatureGenerator generator = new PGPSignatureGenerator(Bc.signerFor(primary), primary);
    generator.init(latest.getSignatureType(), privateKey);
    generator.setHashedSubpackets(hashed.generate());
    PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
    unhashed.setIssuerKeyID(false, primary.getKeyID());
    generator.setUnhashedSubpackets(unhashed.generate());
    return generator;
  }

  private static PGPSignature latestSelfSignature(Iterator<PGPSignature> signatures, long keyId) {
    PGPSignature latest = null;
    while (signatures.hasNext()) {
      PGPSignature sig = signatures.next();
      if (sig.getKeyID() == keyId && (latest == null || sig.getCreationTime().after(latest.getCreationTime()))) {
        latest = sig;
      }
    }
    return latest;
  }
}
