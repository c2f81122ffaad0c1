package org.facteur.webmail.compose;

import java.util.List;

import org.facteur.pgp.Certificate;

/** One recipient of a message and the certificates usable to encrypt to it (none: no key known here). */
public record KeyedRecipient(String address, List<Certificate> certificates) {
    public KeyedRecipient {
        certificates = List.copyOf(certificates);
    }

    public boolean hasKey() {
        return !certificates.isEmpty();
    }
}
