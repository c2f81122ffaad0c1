package org.facteur.webmail.compose;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.facteur.pgp.Certificate;
import org.facteur.pgp.UnlockedKey;
import org.facteur.pgp.mime.HeaderProtection;
import org.facteur.pgp.mime.PgpMime;

/**
 * What OpenPGP does to one outgoing message, with the keys it needs: signed ({@code signer}), encrypted (to
 * {@code encryptTo}, which holds the member's own key too, so the copy in Sent opens), both (signed inside the
 * encryption, RFC 3156 §6.2), or neither. The Subject stays readable outside (protected headers v1 inside):
 * the member's folders list it, as her mail client's would. Says nothing of its keys in {@link #toString()}.
 */
record Protection(UnlockedKey signer, List<Certificate> encryptTo) {
    static final Protection NONE = new Protection(null, List.of());
    private static final PgpMime PGP_MIME = new PgpMime();

    Protection {
        encryptTo = encryptTo.stream().distinct().toList(); // a key known twice, or her own as recipient
    }

    boolean encrypts() {
        return !encryptTo.isEmpty();
    }

    boolean signs() {
        return signer != null;
    }

    /** The message as it is sent and filed in Sent: PGP/MIME built by the {@code pgp} module. */
    MimeMessage apply(MimeMessage message) {
        if (encrypts()) {
            return signs() ? PGP_MIME.signAndEncrypt(message, signer, encryptTo, HeaderProtection.KEEP_SUBJECT)
                    : PGP_MIME.encrypt(message, encryptTo, HeaderProtection.KEEP_SUBJECT);
        }
        return signs() ? PGP_MIME.sign(message, signer) : message;
    }

    @Override
    public String toString() {
        return "Protection[signed=" + signs() + ", encryptedToKeys=" + encryptTo.size() + "]";
    }
}
