package org.facteur.pgp;

import java.time.Instant;
import java.util.List;

/** What a signature check found. Only {@link Verified} means "signed by a key we were given". */
public sealed interface SignatureStatus {

  /** At least one valid signature made by one of the expected certificates. */
  record Verified(List<VerifiedSignature> signatures) implements SignatureStatus {
    public Verified {
      signatures = List.copyOf(signatures);
      if (signatures.isEmpty()) {
        throw new IllegalArgumentException("Verified needs at least one signature");
      }
    }

    /** Primary-key fingerprint of the (first) signer. */
    public String signerFingerprint() {
      return signatures.getFirst().signerFingerprint();
    }
  }

  /** No signature at all. */
  record Unsigned() implements SignatureStatus {}

  /**
   * Signed, but no signature verifies with the expected certificates (forged, altered, unknown key).
   * {@code unknownKeyIds} is not empty when every signature was made by a key none of the certificates
   * holds (nothing failed to verify: the signer is simply not known); it is empty when a signature by a
   * known key does not verify (the signed data or the signature was changed).
   */
  record BadSignature(String reason, List<String> unknownKeyIds) implements SignatureStatus {
    public BadSignature {
      unknownKeyIds = List.copyOf(unknownKeyIds);
    }

    public BadSignature(String reason) {
      this(reason, List.of());
    }

    /** True when the only trouble is that the signer's key was not given. */
    public boolean byUnknownKey() {
      return !unknownKeyIds.isEmpty();
    }
  }

  /** One good signature: who signed (primary fingerprint), with which (sub)key, when. */
  record VerifiedSignature(String signerFingerprint, String signingKeyFingerprint, Instant signedAt) {}

  default boolean isVerified() {
    return this instanceof Verified;
  }
}
