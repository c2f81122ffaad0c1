package org.facteur.pgp;

/** Key types Facteur generates. All are OpenPGP v4 keys that GnuPG 2.2, sq and rnp read. */
public enum KeyAlgorithm {
  /** Legacy EdDSA (22) primary for certify+sign, ECDH Curve25519 (18) encryption subkey. Default. */
  ED25519_CV25519,
  /** RSA 3072 primary (certify+sign) with an RSA 3072 encryption subkey. */
  RSA_3072,
  /** RSA 4096 primary (certify+sign) with an RSA 4096 encryption subkey. */
  RSA_4096
}
