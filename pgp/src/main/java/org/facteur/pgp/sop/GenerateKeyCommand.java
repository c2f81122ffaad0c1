package org.facteur.pgp.sop;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.facteur.pgp.KeyAlgorithm;
import org.facteur.pgp.KeyGenerator;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.SecretKey;

/** generate-key [--no-armor] [--with-key-password=FILE] USERID...: Ed25519/Cv25519 by default. */
final class GenerateKeyCommand implements SopCommand {
  @Override
  public void run(SopArguments arguments, InputStream in, OutputStream out) throws SopException, IOException {
    KeyAlgorithm algorithm = switch (arguments.value("profile", "default")) {
      case "default", "compatibility", "rfc4880" -> KeyAlgorithm.ED25519_CV25519;
      case "rsa3072" -> KeyAlgorithm.RSA_3072;
      case "rsa4096" -> KeyAlgorithm.RSA_4096;
      default -> throw new SopException(SopError.UNSUPPORTED_OPTION, "unsupported profile " + arguments.value("profile", ""));
    };
    char[] password = new char[0];
    if (!arguments.values("with-key-password").isEmpty()) {
      password = new String(SopInputs.read(arguments.value("with-key-password", "")), StandardCharsets.UTF_8)
          .stripTrailing().toCharArray();
    }
    SecretKey key = new KeyGenerator()
        .generate(new KeySpec(arguments.positionalRequired("USERID"), algorithm, null), password)
        .secretKey();
    out.write(arguments.flag("no-armor") ? key.binary() : key.armored().getBytes(StandardCharsets.US_ASCII));
  }
}
