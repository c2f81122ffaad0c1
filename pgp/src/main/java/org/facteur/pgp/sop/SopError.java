package org.facteur.pgp.sop;

/** Exit codes of draft-dkg-openpgp-stateless-cli that this implementation can return. */
public enum SopError {
  NO_SIGNATURE(3),
  CERT_CANNOT_ENCRYPT(17),
  MISSING_ARG(19),
  CANNOT_DECRYPT(29),
  UNSUPPORTED_OPTION(37),
  BAD_DATA(41),
  OUTPUT_EXISTS(59),
  MISSING_INPUT(61),
  KEY_IS_PROTECTED(67),
  UNSUPPORTED_SUBCOMMAND(69),
  UNSUPPORTED_SPECIAL_PREFIX(71),
  KEY_CANNOT_SIGN(79);

  public final int exitCode;

  SopError(int exitCode) {
    this.exitCode = exitCode;
  }
}
