package org.facteur.pgp.sop;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.facteur.pgp.SignatureStatus;

/** SOP's verification output: "DATE SIGNING-KEY-FPR PRIMARY-FPR", one line per good signature. */
final class VerificationLines {
  private VerificationLines() {}

  static String of(SignatureStatus status) {
    if (!(status instanceof SignatureStatus.Verified verified)) {
      return "";
    }
    StringBuilder lines = new StringBuilder();
    List<SignatureStatus.VerifiedSignature> signatures = verified.signatures();
    for (SignatureStatus.VerifiedSignature s : signatures) {
      lines.append(s.signedAt().truncatedTo(ChronoUnit.SECONDS)).append(' ')
          .append(s.signingKeyFingerprint()).append(' ')
          .append(s.signerFingerprint()).append('\n');
    }
    return lines.toString();
  }
}
