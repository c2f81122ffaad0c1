package org.facteur.pgp.sop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.PgpException;

/** encrypt [--no-armor] [--as=binary|text] [--sign-with=KEY]... [--with-key-password=FILE] CERTS... */
record EncryptCommand(OpenPgp pgp) implements SopCommand {
  @Override
  public void run(SopArguments arguments, InputStream in, OutputStream out) throws SopException, IOException {
    var certificates = SopInputs.certificates(arguments.positionalRequired("CERTS"));
    for (Certificate certificate : certificates) {
      if (!certificate.canEncrypt()) {
        throw new SopException(SopError.CERT_CANNOT_ENCRYPT, certificate.fingerprint() + " cannot encrypt");
      }
    }
    var signers = SopInputs.keys(arguments.values("sign-with"), arguments.values("with-key-password"));
    try {
      out.write(pgp.signAndEncrypt(in.readAllBytes(), signers, certificates, !arguments.flag("no-armor")));
    } catch (PgpException e) {
      throw new SopException(SopError.BAD_DATA, e.getMessage(), e);
    }
  }
}
