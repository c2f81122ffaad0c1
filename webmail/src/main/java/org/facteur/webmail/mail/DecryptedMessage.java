package org.facteur.webmail.mail;

/**
 * An encrypted message opened with the member's key: {@code message} carries the decrypted text and HTML (shown
 * through the same escaping and sanitizing as plain mail); {@code outcome} says what the status line above it
 * says; {@code signer} is the verified signer's fingerprint, {@code problem} why nothing (or no signature) could be
 * read. Attachments inside the encrypted part are not offered yet.
 */
public record DecryptedMessage(MessageView message, Outcome outcome, String signer, String problem) {
    public enum Outcome { DECRYPTED, SIGNED_VERIFIED, BAD_SIGNATURE, NOT_FOR_THIS_KEY, DAMAGED }

    public boolean readable() {
        return outcome == Outcome.DECRYPTED || outcome == Outcome.SIGNED_VERIFIED || outcome == Outcome.BAD_SIGNATURE;
    }
}
