package org.facteur.webmail.mail;

/**
 * An encrypted message opened with the member's key: {@code message} carries the decrypted text and HTML (shown
 * through the same escaping and sanitizing as plain mail); {@code outcome} says what the status line above it
 * says; {@code signature} the signature line (null when the message inside is not signed), {@code problem} why
 * nothing could be read. The attachments inside the encrypted part are those of {@code message}, numbered for
 * {@link EncryptedMessages#attachment} (not for the plain download, whose numbers are those of the stored parts).
 */
public record DecryptedMessage(MessageView message, Outcome outcome, SignatureCheck signature, String problem) {
    public enum Outcome { DECRYPTED, NOT_FOR_THIS_KEY, DAMAGED }

    public boolean readable() {
        return outcome == Outcome.DECRYPTED;
    }
}
