package org.facteur.webmail.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.facteur.pgp.SignatureStatus;
import org.facteur.pgp.UnlockedKey;
import org.facteur.pgp.mime.MimeDecryption;
import org.facteur.pgp.mime.PgpMime;
import org.facteur.webmail.imap.MailboxSession;
import org.springframework.stereotype.Component;

/**
 * Opens a PGP/MIME message (as encryption at rest stores it) on the server with the key the member unlocked for
 * this session: the stored bytes are decrypted in memory, the inner MIME entity goes through the same
 * {@link MessageParts} walk as any message, and nothing decrypted is written anywhere or logged. Signatures are
 * checked against the member's own certificate only (other people's keys are not looked up yet).
 */
@Component
public class EncryptedMessages {
    private static final Session LOCAL = Session.getInstance(new Properties());
    private final MailReader reader;
    private final PgpMime pgpMime = new PgpMime();

    EncryptedMessages(MailReader reader) {
        this.reader = reader;
    }

    public DecryptedMessage open(MailboxSession mailbox, MessageView view, UnlockedKey key) throws MessagingException {
        byte[] raw = reader.raw(mailbox, view.folder(), view.uid());
        MimeDecryption result = pgpMime.decrypt(new MimeMessage(LOCAL, new ByteArrayInputStream(raw)), key,
                List.of(key.certificate()));
        return switch (result) {
            case MimeDecryption.Decrypted d -> decrypted(view, d);
            case MimeDecryption.NotEncryptedToThisKey n -> new DecryptedMessage(view, DecryptedMessage.Outcome.NOT_FOR_THIS_KEY, null,
                    String.join(", ", n.recipientKeyIds()));
            case MimeDecryption.Damaged d -> new DecryptedMessage(view, DecryptedMessage.Outcome.DAMAGED, null, d.reason());
            case MimeDecryption.NotEncrypted n -> new DecryptedMessage(view, DecryptedMessage.Outcome.DAMAGED, null, "not encrypted");
        };
    }

    private static DecryptedMessage decrypted(MessageView view, MimeDecryption.Decrypted d) throws MessagingException {
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
        return switch (d.signature()) {
            case SignatureStatus.Verified v -> new DecryptedMessage(shown, DecryptedMessage.Outcome.SIGNED_VERIFIED, v.signerFingerprint(), null);
            case SignatureStatus.BadSignature b -> new DecryptedMessage(shown, DecryptedMessage.Outcome.BAD_SIGNATURE, null, b.reason());
            case SignatureStatus.Unsigned u -> new DecryptedMessage(shown, DecryptedMessage.Outcome.DECRYPTED, null, null);
        };
    }
}
