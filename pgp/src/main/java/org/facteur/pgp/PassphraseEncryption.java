package org.facteur.pgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.api.OpenPGPMessageInputStream;
import org.bouncycastle.openpgp.operator.bc.BcPBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/** Symmetric (passphrase) encryption, as the Autocrypt Setup Message needs (AES-128, SEIPDv1). */
final class PassphraseEncryption {
  private PassphraseEncryption() {}

  static String encryptArmored(byte[] plaintext, char[] passphrase, Map<String, String> armorHeaders) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      try (ArmoredOutputStream armor = Bc.armor().build(out)) {
        armor.clearHeaders();
        armorHeaders.forEach(armor::setHeader);
        PGPEncryptedDataGenerator encrypted = new PGPEncryptedDataGenerator(
            new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_128)
                .setWithIntegrityPacket(true)
                .setSecureRandom(new SecureRandom()));
        encrypted.addMethod(new BcPBEKeyEncryptionMethodGenerator(
            passphrase, new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA256), 0xC0));
        try (OutputStream encrypting = encrypted.open(armor, new byte[1 << 14]);
             OutputStream literal = new PGPLiteralDataGenerator()
                 .open(encrypting, PGPLiteralData.BINARY, "", plaintext.length, new Date(0))) {
          literal.write(plaintext);
        }
      }
      return out.toString(java.nio.charset.StandardCharsets.US_ASCII);
    } catch (Exception e) {
      throw new PgpException("cannot encrypt with passphrase: " + e.getMessage(), e);
    }
  }

  static byte[] decrypt(byte[] message, char[] passphrase) {
    try (OpenPGPMessageInputStream in = Bc.API.decryptAndOrVerifyMessage()
        .addMessagePassphrase(passphrase)
        .process(new ByteArrayInputStream(message))) {
      byte[] plaintext = in.readAllBytes();
      in.close();
      if (!in.getResult().getEncryptionMethod().isEncrypted()) {
        throw new PgpException("message is not encrypted");
      }
      return plaintext;
    } catch (PgpException e) {
      throw e;
    } catch (Exception e) {
      throw new PgpException("wrong passphrase or damaged message", e);
    }
  }

}
