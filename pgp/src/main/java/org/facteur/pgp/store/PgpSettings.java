package org.facteur.pgp.store;

/** A user's OpenPGP choices: encrypt incoming mail at rest, publish in WKD, add Autocrypt headers. */
public record PgpSettings(boolean encryptIncoming, boolean publishInWkd, boolean autocrypt) {
  public static final PgpSettings DISABLED = new PgpSettings(false, false, false);
}
