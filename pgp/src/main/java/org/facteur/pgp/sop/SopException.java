package org.facteur.pgp.sop;

/** Ends a SOP subcommand with a draft-defined exit code and a message on stderr. */
final class SopException extends Exception {
  final SopError error;

  SopException(SopError error, String message) {
    super(message);
    this.error = error;
  }

  SopException(SopError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }
}
