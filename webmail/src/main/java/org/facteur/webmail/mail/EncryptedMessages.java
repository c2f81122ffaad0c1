package org.facteur.webmail.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
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
 */
@Component
public class EncryptedMessages {
    private static final Session LOCAL = Session.getInstance(new Properties());
    private final MailReader reader;
    private final SignerKeys signerKeys;
    private final PgpMime pgpMime = new PgpMime();

    EncryptedMessages(MailReader reader, SignerKeys signerKeys) {
        this.reader = reader;
        this.signerKeys = signerKeys;
    }

    public DecryptedMessage open(MailboxSession mailbox, MessageView view, UnlockedKey key) throws MessagingException {
        byte[] raw = reader.raw(mailbox, view.folder(), view.uid());
        List<Certificate> known = signerKeys.of(mailbox.address(), view.from());
        MimeDecryption result = pgpMime.decrypt(new MimeMessage(LOCAL, new ByteArrayInputStream(raw)), key, known);
        return switch (result) {
            case MimeDecryption.Decrypted d -> decrypted(view, d, known);
            case MimeDecryption.NotEncryptedToThisKey n -> new DecryptedMessage(view, DecryptedMessage.Outcome.NOT_FOR_THIS_KEY, null,
                    String.join(", ", n.recipientKeyIds()));
            case MimeDecryption.Damaged d -> new DecryptedMessage(view, DecryptedMessage.Outcome.DAMAGED, null, d.reason());
            case MimeDecryption.NotEncrypted n -> new DecryptedMessage(view, DecryptedMessage.Outcome.DAMAGED, null, "not encrypted");
        };
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
                d.protectedSubject().orElse(view.subject()), view.date(), inner.text(), inner.html(), List.of(),
                view.flagged(), view.messageId(), view.inReplyTo(), view.references(),
                new MessageView.Omissions(inner.attachments().size() + inner.attachmentsNotShown(), inner.cut()), view.openPgp());
        return new DecryptedMessage(shown, DecryptedMessage.Outcome.DECRYPTED,
                SignatureCheck.of(d.signature(), view.from(), known).orElse(null), null);
    }
}
