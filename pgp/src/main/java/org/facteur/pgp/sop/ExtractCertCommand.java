package org.facteur.pgp.sop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.PgpException;
import org.facteur.pgp.SecretKey;

/** extract-cert [--no-armor]: secret key on stdin, certificate on stdout. */
final class ExtractCertCommand implements SopCommand {
  @Override
  public void run(SopArguments arguments, InputStream in, OutputStream out) throws SopException, IOException {
    Certificate certificate;
    try {
      certificate = SecretKey.read(in.readAllBytes()).certificate();
    } catch (PgpException e) {
      throw new SopException(SopError.BAD_DATA, e.getMessage(), e);
    }
    out.write(arguments.flag("no-armor") ? certificate.binary() : certificate.armored().getBytes(StandardCharsets.US_ASCII));
  }
}
