package org.facteur.pgp;

import java.util.List;

/** Outcome of decrypting an OpenPGP message. Any failure is explicit; nothing is half-decrypted. */
public sealed interface Decryption {

  /** Decrypted and integrity-checked; the signature status says who signed it, if anyone. */
  record Decrypted(byte[] plaintext, SignatureStatus signature) implements Decryption {}

  /** Encrypted, but to none of the keys given (the recipients' key IDs, hex). */
  record NotEncryptedToThisKey(List<String> recipientKeyIds) implements Decryption {
    public NotEncryptedToThisKey {
      recipientKeyIds = List.copyOf(recipientKeyIds);
    }
  }

  /** Corrupted, truncated, tampered or without integrity protection. */
  record Damaged(String reason) implements Decryption {}

  /** Not an encrypted OpenPGP message at all. */
  record NotEncrypted() implements Decryption {}
}
