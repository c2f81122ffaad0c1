package org.facteur.pgp;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPKey;

/** A public key (OpenPGP certificate), immutable. */
public final class Certificate {
  private final OpenPGPCertificate bc;

  Certificate(OpenPGPCertificate bc) {
    this.bc = bc;
  }

  /** Reads one certificate, armored or binary; a secret key is reduced to its certificate. */
  public static Certificate read(byte[] armoredOrBinary) {
    try {
      OpenPGPCertificate parsed = Bc.reader().parseCertificateOrKey(armoredOrBinary);
      if (parsed == null) {
        throw new PgpException("no OpenPGP certificate in the input");
      }
      return new Certificate(parsed instanceof OpenPGPKey key ? key.toCertificate() : parsed);
    } catch (IOException | RuntimeException e) {
      throw e instanceof PgpException pe ? pe : new PgpException("not an OpenPGP certificate: " + e.getMessage(), e);
    }
  }

  /** Reads every certificate in the input (a keyring or several concatenated armored blocks). */
  public static List<Certificate> readAll(byte[] armoredOrBinary) {
    try {
      List<OpenPGPCertificate> parsed = Bc.reader().parseKeysOrCertificates(armoredOrBinary);
      if (parsed.isEmpty()) {
        throw new PgpException("no OpenPGP certificate in the input");
      }
      return parsed.stream()
          .map(c -> new Certificate(c instanceof OpenPGPKey key ? key.toCertificate() : c))
          .toList();
    } catch (IOException | RuntimeException e) {
      throw e instanceof PgpException pe ? pe : new PgpException("not an OpenPGP certificate: " + e.getMessage(), e);
    }
  }

  OpenPGPCertificate bc() {
    return bc;
  }

  /** Primary key fingerprint, hex upper-case without spaces (40 characters for v4). */
  public String fingerprint() {
    return Bc.hex(bc.getFingerprint());
  }

  /** The 64-bit key ID of the primary key, hex upper-case (16 characters). */
  public String keyId() {
    String fp = fingerprint();
    return fp.substring(fp.length() - 16);
  }

  /** Fingerprints of every key in the certificate (primary first). */
  public List<String> keyFingerprints() {
    return bc.getKeys().stream().map(k -> Bc.hex(k.getPGPPublicKey().getFingerprint())).toList();
  }

  public List<String> userIds() {
    return bc.getAllUserIds().stream().map(u -> u.getUserId()).toList();
  }

  /** The address of the primary user ID, lower-cased, or "" if it has none. */
  public String primaryAddress() {
    var primary = bc.getPrimaryUserId();
    String uid = primary != null ? primary.getUserId() : userIds().stream().findFirst().orElse("");
    return UserIds.address(uid);
  }

  public boolean hasUserIdFor(String address) {
    return userIds().stream().anyMatch(uid -> UserIds.matches(uid, address));
  }

  /** When the primary key expires; empty if it never does. */
  public Optional<Instant> expiresAt() {
    Date expiry = bc.getExpirationTime();
    return Optional.ofNullable(expiry).map(Date::toInstant);
  }

  public Instant createdAt() {
    return bc.getPrimaryKey().getCreationTime().toInstant();
  }

  /** True only for a revocation that verifies (a revocation packet by another key does not count). */
  public boolean isRevoked() {
    return bc.getPrimaryKey().getRevocation() != null;
  }

  /** True when mail can be encrypted to this certificate now (valid, unrevoked encryption key). */
  public boolean canEncrypt() {
    return !isRevoked() && !bc.getEncryptionKeys().isEmpty();
  }

  public String armored() {
    return Bc.armored(bc, "certificate");
  }

  public byte[] binary() {
    return Bc.binary(bc, "certificate");
  }

  /** Autocrypt's minimal certificate: primary key, the user ID for the address, one encryption subkey. */
  public Certificate minimalFor(String address) {
    return new Certificate(CertificateFilter.minimal(bc, address));
  }

  /** WKD's view: every key and revocation, but only the user IDs naming the address. */
  public Certificate filteredTo(String address) {
    return new Certificate(CertificateFilter.onlyUserIdsFor(bc, address));
  }

  /** This certificate with the revocation applied; fails if the revocation is not by this key. */
  public Certificate withRevocation(RevocationCertificate revocation) {
    return new Certificate(
        new OpenPGPCertificate(Revocations.apply(bc.getPGPPublicKeyRing(), revocation), Bc.API.getImplementation()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Certificate other && java.util.Arrays.equals(binary(), other.binary());
  }

  @Override
  public int hashCode() {
    return fingerprint().hashCode();
  }

  @Override
  public String toString() {
    return "Certificate[" + fingerprint() + " " + userIds() + "]";
  }
}
