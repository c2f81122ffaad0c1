package org.facteur.pgp.autocrypt;

/** Autocrypt's prefer-encrypt: "mutual", or no preference (the attribute absent). */
public enum PreferEncrypt {
  MUTUAL,
  NOPREFERENCE
}
