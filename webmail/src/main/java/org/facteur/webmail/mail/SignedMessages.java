package org.facteur.webmail.mail;

import java.util.Optional;

import jakarta.mail.MessagingException;

import org.facteur.pgp.mime.PgpMime;
import org.facteur.webmail.imap.MailboxSession;
import org.springframework.stereotype.Component;

/**
 * Checks the signature of a PGP/MIME signed message (RFC 3156 {@code multipart/signed}, not encrypted): the
 * message is fetched as stored and its first part is checked as those bytes, never re-serialised, against the
 * certificates the server knows for its From address ({@link SignerKeys}). No passphrase is needed.
 */
@Component
class SignedMessages {
    private final MailReader reader;
    private final SignerKeys signerKeys;
    private final PgpMime pgpMime = new PgpMime();

    SignedMessages(MailReader reader, SignerKeys signerKeys) {
        this.reader = reader;
        this.signerKeys = signerKeys;
    }

    /**
     * The signature line of a signed message; empty when it is not PGP/MIME signed as a whole (inline, nested) or
     * larger than the webmail fetches whole ({@link MailReader#MAX_LOCAL_BYTES}), where a cut would read as damage.
     */
    Optional<SignatureCheck> check(MailboxSession mailbox, MessageView view) throws MessagingException {
        if (view.openPgp() != OpenPgp.SIGNED) {
            return Optional.empty();
        }
        byte[] raw = reader.raw(mailbox, view.folder(), view.uid());
        if (raw.length >= MailReader.MAX_LOCAL_BYTES) {
            return Optional.empty();
        }
        var known = signerKeys.of(mailbox.address(), view.from());
        return SignatureCheck.of(pgpMime.verify(raw, known), view.from(), known);
    }
}
