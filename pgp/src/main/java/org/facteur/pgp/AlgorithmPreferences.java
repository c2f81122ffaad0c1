package org.facteur.pgp;

import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.api.SignatureParameters;
import org.bouncycastle.openpgp.api.SignatureSubpacketsFunction;

/**
 * Self-signature contents that GnuPG 2.2 honours. BC's defaults put SHA3 first (gpg 2.2 then
 * rejects signatures) and keep preferences only on the direct-key signature (gpg reads the
 * user-ID self-signature and falls back to 3DES), so both signatures get the full set here.
 */
final class AlgorithmPreferences {
  static final int[] HASHES = {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256};
  static final int[] CIPHERS = {
    SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.AES_128
  };
  static final int[] COMPRESSION = {
    CompressionAlgorithmTags.ZLIB, CompressionAlgorithmTags.BZIP2, CompressionAlgorithmTags.ZIP,
    CompressionAlgorithmTags.UNCOMPRESSED
  };

  private AlgorithmPreferences() {}

  /** For the direct-key self-signature of the primary key. */
  static SignatureParameters.Callback primary(long expirySeconds) {
    return callback(primaryKeySubpackets(expirySeconds));
  }

  /** For a user-ID self-signature; the first user ID is marked primary. */
  static SignatureParameters.Callback userId(long expirySeconds, boolean primaryUserId) {
    SignatureSubpacketsFunction base = primaryKeySubpackets(expirySeconds);
    return callback(g -> {
      base.apply(g);
      g.removePacketsOfType(SignatureSubpacketTags.PRIMARY_USER_ID);
      if (primaryUserId) {
        g.setPrimaryUserID(false, true);
      }
      return g;
    });
  }

  private static SignatureSubpacketsFunction primaryKeySubpackets(long expirySeconds) {
    return g -> {
      replacePreferences(g);
      g.removePacketsOfType(SignatureSubpacketTags.KEY_FLAGS);
      g.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
      setExpiry(g, expirySeconds);
      return g;
    };
  }

  /** For the encryption subkey's binding signature. */
  static SignatureParameters.Callback encryptionSubkey(long expirySeconds) {
    return callback(g -> {
      g.removePacketsOfType(SignatureSubpacketTags.KEY_FLAGS);
      g.setKeyFlags(true, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
      setExpiry(g, expirySeconds);
      return g;
    });
  }

  static void setExpiry(PGPSignatureSubpacketGenerator g, long expirySeconds) {
    g.removePacketsOfType(SignatureSubpacketTags.KEY_EXPIRE_TIME);
    if (expirySeconds > 0) {
      g.setKeyExpirationTime(true, expirySeconds);
    }
  }

  private static void replacePreferences(PGPSignatureSubpacketGenerator g) {
    g.removePacketsOfType(SignatureSubpacketTags.PREFERRED_HASH_ALGS);
    g.setPreferredHashAlgorithms(false, HASHES);
    g.removePacketsOfType(SignatureSubpacketTags.PREFERRED_SYM_ALGS);
    g.setPreferredSymmetricAlgorithms(false, CIPHERS);
    g.removePacketsOfType(SignatureSubpacketTags.PREFERRED_COMP_ALGS);
    g.setPreferredCompressionAlgorithms(false, COMPRESSION);
    g.removePacketsOfType(SignatureSubpacketTags.PREFERRED_AEAD_ALGORITHMS);
    g.removePacketsOfType(SignatureSubpacketTags.FEATURES);
    g.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
  }

  private static SignatureParameters.Callback callback(SignatureSubpacketsFunction function) {
    return new SignatureParameters.Callback() {
      @Override
      public SignatureParameters apply(SignatureParameters parameters) {
        return parameters.setHashedSubpacketsFunction(function);
      }
    };
  }
}
