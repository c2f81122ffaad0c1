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

  /** Signed, but no signature verifies with the expected certificates (forged, altered, unknown key). */
  record BadSignature(String reason) implements SignatureStatus {}

  /** One good signature: who signed (primary fingerprint), with which (sub)key, when. */
  record VerifiedSignature(String signerFingerprint, String signingKeyFingerprint, Instant signedAt) {}

  default boolean isVerified() {
    return this instanceof Verified;
  }
}
