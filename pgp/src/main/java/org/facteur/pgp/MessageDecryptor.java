package org.facteur.pgp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.api.EncryptedDataPacketType;
import org.bouncycastle.openpgp.api.OpenPGPMessageInputStream;
import org.bouncycastle.openpgp.api.OpenPGPMessageProcessor;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * Decrypts and verifies. Looks at the recipients first so that "not for this key" is told apart
 * from "damaged"; after that any exception at all (BC throws ZipException, EOFException, ...) is
 * treated as damage.
 */
final class MessageDecryptor {
  private MessageDecryptor() {}

  static Decryption decrypt(byte[] message, Collection<UnlockedKey> keys, Collection<Certificate> verifiers) {
    List<KeyIdentifier> recipients;
    try {
      recipients = recipientsOf(message);
    } catch (NotEncryptedSignal e) {
      return new Decryption.NotEncrypted();
    } catch (Exception e) {
      return new Decryption.Damaged("unreadable OpenPGP data: " + e.getMessage());
    }
    if (!addressesAnyOf(recipients, keys)) {
      return new Decryption.NotEncryptedToThisKey(recipients.stream().map(KeyIdentifier::toString).toList());
    }
    Set<String> unknownIssuers = new LinkedHashSet<>();
    try {
      OpenPGPMessageProcessor processor = Bc.API.decryptAndOrVerifyMessage();
      keys.forEach(k -> processor.addDecryptionKey(k.bc()));
      verifiers.forEach(c -> processor.addVerificationCertificate(c.bc()));
      processor.setMissingOpenPGPCertificateProvider(id -> {
        unknownIssuers.add(id.toString());
        return null;
      });
      byte[] plaintext;
      OpenPGPMessageInputStream.Result result;
      try (OpenPGPMessageInputStream in = processor.process(new ByteArrayInputStream(message))) {
        plaintext = in.readAllBytes();
        in.close();
        result = in.getResult();
      }
      EncryptedDataPacketType mode = result.getEncryptionMethod().getMode();
      if (!result.getEncryptionMethod().isEncrypted() || mode == EncryptedDataPacketType.SED) {
        return new Decryption.Damaged("message has no integrity protection (" + mode + ")");
      }
      return new Decryption.Decrypted(plaintext, SignatureChecks.classify(result.getSignatures(), unknownIssuers));
    } catch (Exception e) {
      return new Decryption.Damaged(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static boolean addressesAnyOf(List<KeyIdentifier> recipients, Collection<UnlockedKey> keys) {
    for (UnlockedKey key : keys) {
      for (KeyIdentifier own : key.bc().getAllKeyIdentifiers()) {
        for (KeyIdentifier recipient : recipients) {
          if (recipient.isWildcard() || recipient.matches(own)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static List<KeyIdentifier> recipientsOf(byte[] message) throws Exception {
    try (InputStream in = Bc.decoded(message)) {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
      Object first = factory.nextObject();
      while (first instanceof PGPMarker) {
        first = factory.nextObject();
      }
      if (!(first instanceof PGPEncryptedDataList list)) {
        throw new NotEncryptedSignal();
      }
      List<KeyIdentifier> ids = new ArrayList<>();
      list.forEach(data -> {
        if (data instanceof PGPPublicKeyEncryptedData pk) {
          ids.add(pk.getKeyIdentifier());
        }
      });
      return ids;
    }
  }

  private static final class NotEncryptedSignal extends Exception {
    NotEncryptedSignal() {
      super(null, null, false, false);
    }
  }
}
