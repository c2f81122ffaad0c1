package org.facteur.pgp.autocrypt;

/** Autocrypt's UI recommendation (Level 1 §2.4), from weakest to strongest. */
public enum Recommendation {
  /** Encryption impossible: a recipient has no usable key. */
  DISABLE,
  /** Possible, but a key looks stale: do not suggest it. */
  DISCOURAGE,
  /** Possible; offer it, off by default. */
  AVAILABLE,
  /** Both sides asked for encryption: on by default. */
  ENCRYPT
}
