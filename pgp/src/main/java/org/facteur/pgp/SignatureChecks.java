package org.facteur.pgp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.openpgp.api.OpenPGPSignature.OpenPGPDocumentSignature;

/**
 * Turns BC's signature list into a {@link SignatureStatus}. BC returns an empty list when the
 * signer's certificate is unknown, so callers pass the issuers they saw but could not resolve.
 */
final class SignatureChecks {
  private SignatureChecks() {}

  static SignatureStatus classify(List<OpenPGPDocumentSignature> signatures, Collection<String> unknownIssuers) {
    List<SignatureStatus.VerifiedSignature> good = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (OpenPGPDocumentSignature signature : signatures) {
      if (isValid(signature) && signature.getIssuer() != null) {
        good.add(new SignatureStatus.VerifiedSignature(
            Bc.hex(signature.getIssuerCertificate().getFingerprint()),
            Bc.hex(signature.getIssuer().getPGPPublicKey().getFingerprint()),
            signature.getCreationTime().toInstant()));
      } else {
        problems.add("signature by " + signature.getKeyIdentifier() + " does not verify");
      }
    }
    if (!good.isEmpty()) {
      return new SignatureStatus.Verified(good);
    }
    if (problems.isEmpty() && !unknownIssuers.isEmpty()) {
      return new SignatureStatus.BadSignature(
          "signed by unknown key " + String.join(", ", unknownIssuers), List.copyOf(unknownIssuers));
    }
    for (String issuer : unknownIssuers) {
      problems.add("signed by unknown key " + issuer);
    }
    return problems.isEmpty() ? new SignatureStatus.Unsigned() : new SignatureStatus.BadSignature(String.join("; ", problems));
  }

  private static boolean isValid(OpenPGPDocumentSignature signature) {
    try {
      return signature.isValid();
    } catch (Exception e) {
      return false;
    }
  }
}
