package org.facteur.pgp.sop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.facteur.pgp.Decryption;
import org.facteur.pgp.OpenPgp;

/** decrypt [--verify-with=CERT]... [--verifications-out=F] [--with-key-password=FILE] KEYS... */
record DecryptCommand(OpenPgp pgp) implements SopCommand {
  @Override
  public void run(SopArguments arguments, InputStream in, OutputStream out) throws SopException, IOException {
    String verificationsOut = arguments.value("verifications-out", arguments.value("verify-out", null));
    if (verificationsOut != null) {
      SopOutputs.checkAbsent(verificationsOut);
    }
    var verifiers = SopInputs.certificates(arguments.values("verify-with"));
    var keys = SopInputs.keys(arguments.positionalRequired("KEYS"), arguments.values("with-key-password"));
    switch (pgp.decrypt(in.readAllBytes(), keys, verifiers)) {
      case Decryption.Decrypted d -> {
        out.write(d.plaintext());
        if (verificationsOut != null) {
          SopOutputs.writeNew(verificationsOut, VerificationLines.of(d.signature()));
        }
      }
      case Decryption.NotEncryptedToThisKey n ->
          throw new SopException(SopError.CANNOT_DECRYPT, "not encrypted to the given keys (recipients " + n.recipientKeyIds() + ")");
      case Decryption.Damaged d -> throw new SopException(SopError.CANNOT_DECRYPT, "damaged message: " + d.reason());
      case Decryption.NotEncrypted n -> throw new SopException(SopError.BAD_DATA, "input is not an encrypted OpenPGP message");
    }
  }
}
