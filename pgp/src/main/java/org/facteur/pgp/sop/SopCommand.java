package org.facteur.pgp.sop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** One SOP subcommand: what it does with its arguments, stdin and stdout. */
@FunctionalInterface
interface SopCommand {
  void run(SopArguments arguments, InputStream in, OutputStream out) throws SopException, IOException;
}
