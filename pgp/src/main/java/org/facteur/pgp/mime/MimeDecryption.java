package org.facteur.pgp.mime;

import jakarta.mail.internet.MimeBodyPart;
import java.util.List;
import java.util.Optional;
import org.facteur.pgp.SignatureStatus;

/** Outcome of opening a PGP/MIME message. Only {@link Decrypted} carries a body. */
public sealed interface MimeDecryption {

  /**
   * Decrypted and integrity-checked. {@code signature} is Verified(fingerprint), Unsigned or
   * BadSignature; {@code protectedSubject} is the Subject from inside, if the sender protected it.
   */
  record Decrypted(MimeBodyPart body, SignatureStatus signature, Optional<String> protectedSubject)
      implements MimeDecryption {}

  record NotEncryptedToThisKey(List<String> recipientKeyIds) implements MimeDecryption {}

  record Damaged(String reason) implements MimeDecryption {}

  /** Neither multipart/encrypted nor an inline PGP message. */
  record NotEncrypted() implements MimeDecryption {}
}
