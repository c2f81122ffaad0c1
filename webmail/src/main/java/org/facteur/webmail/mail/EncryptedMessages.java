package org.facteur.webmail.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.facteur.pgp.Certificate;
import org.facteur.pgp.UnlockedKey;
import org.facteur.pgp.mime.MimeDecryption;
import org.facteur.pgp.mime.PgpMime;
import org.facteur.webmail.imap.MailboxSession;
import org.springframework.stereotype.Component;

/**
 * Opens a PGP/MIME message (as encryption at rest stores it) on the server with the key the member unlocked for
 * this session: the stored bytes are decrypted in memory, the inner MIME entity goes through the same
 * {@link MessageParts} walk as any message, and nothing decrypted is written anywhere or logged. A signature inside
 * is checked against the certificates the server knows for the message's From address ({@link SignerKeys}).
 *
 * <p>The attachments inside are listed with the numbers that walk gives them; downloading or forwarding one decrypts
 * the message again (the plaintext is never kept between requests, neither on disk nor in the HTTP session), so it
 * needs the key still unlocked.
 */
@Component
public class EncryptedMessages {
    private static final Session LOCAL = Session.getInstance(new Properties());
    private final MailReader reader;
    private final SignerKeys signerKeys;
    private final PgpMime pgpMime = new PgpMime();

    /** Thrown when a decrypted part is asked for while the member's key is locked (answered with 403 and a page). */
    public static class LockedKeyException extends RuntimeException {
        public LockedKeyException() {
            super("the member's key is locked", null, false, false);
        }
    }

    EncryptedMessages(MailReader reader, SignerKeys signerKeys) {
        this.reader = reader;
        this.signerKeys = signerKeys;
    }

    /** Opens a PGP/MIME message, or an inline PGP one ({@link InlinePgpMessages}). */
    public DecryptedMessage open(MailboxSession mailbox, MessageView view, UnlockedKey key) throws MessagingException {
        List<Certificate> known = signerKeys.of(mailbox.address(), view.from());
        if (view.openPgp() == OpenPgp.ENCRYPTED_INLINE) {
            return InlinePgpMessages.open(view, key, known);
        }
        byte[] raw = reader.raw(mailbox, view.folder(), view.uid());
        MimeDecryption result = pgpMime.decrypt(new MimeMessage(LOCAL, new ByteArrayInputStream(raw)), key, known);
        return switch (result) {
            case MimeDecryption.Decrypted d -> decrypted(view, d, known);
            case MimeDecryption.NotEncryptedToThisKey n -> new DecryptedMessage(view, DecryptedMessage.Outcome.NOT_FOR_THIS_KEY, null,
                    String.join(", ", n.recipientKeyIds()));
            case MimeDecryption.Damaged d -> new DecryptedMessage(view, DecryptedMessage.Outcome.DAMAGED, null, d.reason());
            case MimeDecryption.NotEncrypted n -> new DecryptedMessage(view, DecryptedMessage.Outcome.DAMAGED, null, "not encrypted");
        };
    }

    /**
     * The attachment numbered {@code index} inside the encrypted message, decrypted again in memory; a number that
     * names no part, or a message this key cannot open, is not found.
     */
    public MailReader.AttachmentContent attachment(MailboxSession mailbox, String folder, long uid, int index,
            UnlockedKey key) throws MessagingException {
        try {
            Part part = MessageParts.attachment(inner(mailbox, folder, uid, key), index);
            if (part == null) {
                throw new MailReader.NotFoundException("no part " + index + " in the encrypted message " + uid);
            }
            return MailReader.AttachmentContent.of(part, index);
        } catch (IOException e) {
            throw new MessagingException("cannot read part " + index + " of message " + uid, e);
        }
    }

    /** The attachments inside the encrypted message with their decrypted parts, as the message page lists them (to forward). */
    public List<MessageParts.Located> attachments(MailboxSession mailbox, String folder, long uid, UnlockedKey key)
            throws MessagingException {
        try {
            return MessageParts.attachments(inner(mailbox, folder, uid, key));
        } catch (IOException e) {
            throw new MessagingException("cannot read the attachments of message " + uid, e);
        }
    }

    /** The decrypted inner entity of the stored message (signature not checked: only its parts are wanted). */
    private Part inner(MailboxSession mailbox, String folder, long uid, UnlockedKey key) throws MessagingException {
        byte[] raw = reader.raw(mailbox, folder, uid);
        MimeDecryption result = pgpMime.decrypt(new MimeMessage(LOCAL, new ByteArrayInputStream(raw)), key, List.of());
        if (result instanceof MimeDecryption.Decrypted d) {
            return d.body();
        }
        throw new MailReader.NotFoundException("message " + uid + " does not decrypt with this key");
    }

    private static DecryptedMessage decrypted(MessageView view, MimeDecryption.Decrypted d, List<Certificate> known)
            throws MessagingException {
        MessageParts.Parsed inner;
        try {
            inner = MessageParts.parse(d.body());
        } catch (IOException e) {
            return new DecryptedMessage(view, DecryptedMessage.Outcome.DAMAGED, null, e.getMessage());
        }
        MessageView shown = new MessageView(view.folder(), view.uid(), view.from(), view.replyTo(), view.to(), view.cc(),
                d.protectedSubject().orElse(view.subject()), view.date(), inner.text(), inner.html(), inner.attachments(),
                view.flagged(), view.messageId(), view.inReplyTo(), view.references(),
                new MessageView.Omissions(inner.attachmentsNotShown(), inner.cut()), view.openPgp());
        return new DecryptedMessage(shown, DecryptedMessage.Outcome.DECRYPTED,
                SignatureCheck.of(d.signature(), view.from(), known).orElse(null), null);
    }
}
