package org.facteur.mailserver.dkim;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * One DKIM key pair of a domain under one selector. A key is <em>active</em> (it signs) until it is rotated out;
 * it then stays <em>published</em> in DNS until {@link #publishedUntil()}, so that mail signed just before the
 * rotation still verifies while it waits in queues and mailboxes.
 */
public record DkimKey(String domain, String selector, DkimAlgorithm algorithm, PrivateKey privateKey,
                      PublicKey publicKey, Instant created, Optional<Instant> publishedUntil) {

    public boolean active() {
        return publishedUntil.isEmpty();
    }

    /** Whether the public key must still be in DNS at {@code now}. */
    public boolean publishedAt(Instant now) {
        return publishedUntil.map(now::isBefore).orElse(true);
    }

    /** The DNS name of the TXT record: {@code <selector>._domainkey.<domain>}. */
    public String recordName() {
        return selector + "._domainkey." + domain;
    }

    /**
     * The TXT record's text: {@code v=DKIM1; k=rsa; p=<SubjectPublicKeyInfo>} for RSA (RFC 6376 §3.6.1), and for
     * Ed25519 {@code p=} the bare 32-byte public key (RFC 8463 §4), not its X.509 wrapping.
     */
    public String recordText() {
        byte[] encoded = publicKey.getEncoded();
        byte[] p = algorithm == DkimAlgorithm.ED25519 ? Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length) : encoded;
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64.getEncoder().encodeToString(p);
    }

    @Override
    public String toString() {
        return "DkimKey[" + recordName() + ", " + algorithm + (active() ? ", active" : ", retired") + "]";
    }
}
