package org.facteur.pgp;

/** The passphrase given does not unlock the secret key. */
public final class WrongPassphraseException extends PgpException {
  public WrongPassphraseException(String owner) {
    super("wrong passphrase for " + owner + "'s key");
  }
}
