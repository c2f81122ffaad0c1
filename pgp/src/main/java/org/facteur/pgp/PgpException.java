package org.facteur.pgp;

/** Any OpenPGP failure, with a message meant for an administrator or a log line. */
public class PgpException extends RuntimeException {
  public PgpException(String message) {
    super(message);
  }

  public PgpException(String message, Throwable cause) {
    super(message, cause);
  }
}
