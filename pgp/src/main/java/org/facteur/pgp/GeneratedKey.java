package org.facteur.pgp;

/** A freshly generated secret key and the revocation certificate made together with it. */
public record GeneratedKey(SecretKey secretKey, RevocationCertificate revocation) {}
