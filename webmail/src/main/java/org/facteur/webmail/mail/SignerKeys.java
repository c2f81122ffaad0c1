package org.facteur.webmail.mail;

import java.util.List;

import org.facteur.pgp.Certificate;
import org.facteur.webmail.encryption.MemberKeyException;
import org.facteur.webmail.encryption.MemberKeys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The certificates a signature is checked against: those the server knows for the message's From address (a local
 * member's key, a key the reader collected by Autocrypt), never a key named by the message itself. None when the
 * webmail runs without the mail server's key store.
 */
@Component
class SignerKeys {
    private final MemberKeys keys;

    SignerKeys(ObjectProvider<MemberKeys> keys) {
        this.keys = keys.getIfAvailable();
    }

    List<Certificate> of(String reader, String from) {
        String address = SignatureCheck.addressOf(from);
        if (keys == null || !keys.available() || address.indexOf('@') < 1) {
            return List.of();
        }
        try {
            return keys.signerCertificates(reader, address);
        } catch (MemberKeyException e) {
            return List.of();
        }
    }
}
