package org.facteur.pgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.util.encoders.Hex;

/** The one place that picks Bouncy Castle implementations; package-private on purpose. */
final class Bc {
  static final OpenPGPApi API = new BcOpenPGPApi();
  static final BcKeyFingerprintCalculator FINGERPRINTS = new BcKeyFingerprintCalculator();
  /** SHA-512: first in our preferences, read by every peer we test against (no SHA3 for gpg 2.2). */
  static final int HASH = HashAlgorithmTags.SHA512;

  private Bc() {}

  /**
   * Armor with a CRC line. BC omits it by default (RFC 9580); GnuPG 2.2 then sometimes reads the
   * END line as data and reports a manipulated message, so Facteur always writes the CRC.
   */
  static ArmoredOutputStream.Builder armor() {
    return ArmoredOutputStream.builder().enableCRC(true).clearHeaders();
  }

  static OpenPGPKeyReader reader() {
    return API.readKeyOrCertificate();
  }

  /** CFB + SHA-1 checksum, iterated S2K: the secret-key protection GnuPG 2.2 can import (not AEAD). */
  static PBESecretKeyEncryptor protector(char[] passphrase) {
    try {
      return new BcPBESecretKeyEncryptorBuilder(
              SymmetricKeyAlgorithmTags.AES_256,
              new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1),
              0x60)
          .build(passphrase);
    } catch (PGPException e) {
      throw new PgpException("cannot set up secret key protection", e);
    }
  }

  static PBESecretKeyDecryptor unprotector(char[] passphrase) {
    return new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase);
  }

  static BcPGPContentSignerBuilder signerFor(PGPPublicKey key) {
    return new BcPGPContentSignerBuilder(key.getAlgorithm(), HASH);
  }

  /** Armored or binary input, as a binary packet stream. */
  static InputStream decoded(byte[] data) throws IOException {
    return PGPUtil.getDecoderStream(new ByteArrayInputStream(data));
  }

  static boolean isArmored(byte[] data) {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(data))) {
      return in instanceof ArmoredInputStream;
    } catch (IOException e) {
      return false;
    }
  }

  /** Armored export of a certificate or key; {@code what} names it in the error message. */
  static String armored(org.bouncycastle.openpgp.api.OpenPGPCertificate keyMaterial, String what) {
    try {
      return keyMaterial.toAsciiArmoredString(org.bouncycastle.bcpg.PacketFormat.ROUNDTRIP, armor());
    } catch (IOException e) {
      throw new PgpException("cannot armor " + what + " " + hex(keyMaterial.getFingerprint()), e);
    }
  }

  static byte[] binary(org.bouncycastle.openpgp.api.OpenPGPCertificate keyMaterial, String what) {
    try {
      return keyMaterial.getEncoded(org.bouncycastle.bcpg.PacketFormat.ROUNDTRIP);
    } catch (IOException e) {
      throw new PgpException("cannot encode " + what + " " + hex(keyMaterial.getFingerprint()), e);
    }
  }

  static String hex(byte[] fingerprint) {
    return Hex.toHexString(fingerprint).toUpperCase(java.util.Locale.ROOT);
  }
}
