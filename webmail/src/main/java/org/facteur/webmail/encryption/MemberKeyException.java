package org.facteur.webmail.encryption;

/** A refused key operation; the message is one sentence for the member (wrong passphrase, not a public key…). */
public class MemberKeyException extends RuntimeException {
    public MemberKeyException(String message) {
        super(message);
    }
}
