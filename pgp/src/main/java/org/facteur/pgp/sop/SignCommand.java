package org.facteur.pgp.sop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.PgpException;

/** sign [--no-armor] [--as=binary|text] [--with-key-password=FILE] KEYS...: detached signature. */
record SignCommand(OpenPgp pgp) implements SopCommand {
  @Override
  public void run(SopArguments arguments, InputStream in, OutputStream out) throws SopException, IOException {
    boolean text = switch (arguments.value("as", "binary")) {
      case "binary" -> false;
      case "text" -> true;
      default -> throw new SopException(SopError.UNSUPPORTED_OPTION, "--as must be binary or text");
    };
    var keys = SopInputs.keys(arguments.positionalRequired("KEYS"), arguments.values("with-key-password"));
    byte[] data = in.readAllBytes();
    try {
      out.write(pgp.signDetached(data, keys, text, !arguments.flag("no-armor")));
    } catch (PgpException e) {
      throw new SopException(SopError.KEY_CANNOT_SIGN, e.getMessage(), e);
    }
    for (String micalgFile : arguments.values("micalg-out")) {
      SopOutputs.writeNew(micalgFile, "pgp-sha512");
    }
  }
}
