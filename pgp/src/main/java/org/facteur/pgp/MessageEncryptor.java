package org.facteur.pgp;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Collection;
import org.bouncycastle.openpgp.api.OpenPGPMessageGenerator;
import org.bouncycastle.openpgp.api.SignatureParameters;

/** Encrypts (and optionally signs) a message to one or more certificates. */
final class MessageEncryptor {
  private MessageEncryptor() {}

  static byte[] encrypt(byte[] plaintext, Collection<Certificate> recipients, Collection<UnlockedKey> signers, boolean armor) {
    if (recipients.isEmpty()) {
      throw new PgpException("no recipient certificate to encrypt to");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length / 2 + 1024);
    try {
      OpenPGPMessageGenerator generator = Bc.API.signAndOrEncryptMessage().setArmored(armor).setAllowPadding(false)
          .setArmorStreamFactory(target -> Bc.armor().build(target));
      for (Certificate recipient : recipients) {
        if (!recipient.canEncrypt()) {
          throw new PgpException("certificate " + recipient.fingerprint() + " has no valid encryption key");
        }
        generator.addEncryptionCertificate(recipient.bc());
      }
      for (UnlockedKey signer : signers) {
        generator.addSigningKey(signer.bc(), sha512());
      }
      try (OutputStream encrypting = generator.open(out)) {
        encrypting.write(plaintext);
      }
      return out.toByteArray();
    } catch (PgpException e) {
      throw e;
    } catch (Exception e) {
      throw new PgpException("cannot encrypt: " + e.getMessage(), e);
    }
  }

  static SignatureParameters.Callback sha512() {
    return new SignatureParameters.Callback() {
      @Override
      public SignatureParameters apply(SignatureParameters parameters) {
        return parameters.setSignatureHashAlgorithm(Bc.HASH);
      }
    };
  }
}
