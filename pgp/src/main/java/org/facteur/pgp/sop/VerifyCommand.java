package org.facteur.pgp.sop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.SignatureStatus;

/** verify SIGNATURES CERTS...: data on stdin; prints verifications; exit 3 when none is good. */
record VerifyCommand(OpenPgp pgp) implements SopCommand {
  @Override
  public void run(SopArguments arguments, InputStream in, OutputStream out) throws SopException, IOException {
    List<String> positional = arguments.positional();
    if (positional.size() < 2) {
      throw new SopException(SopError.MISSING_ARG, "usage: verify SIGNATURES CERTS...");
    }
    byte[] signature = SopInputs.read(positional.getFirst());
    var certificates = SopInputs.certificates(positional.subList(1, positional.size()));
    SignatureStatus status = pgp.verifyDetached(in.readAllBytes(), signature, certificates);
    if (!status.isVerified()) {
      throw new SopException(SopError.NO_SIGNATURE, "no valid signature: " + status);
    }
    out.write(VerificationLines.of(status).getBytes(StandardCharsets.UTF_8));
  }
}
