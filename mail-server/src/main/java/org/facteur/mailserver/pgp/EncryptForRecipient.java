package org.facteur.mailserver.pgp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.facteur.mailserver.mime.MimeBridge;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.PgpException;
import org.facteur.pgp.mime.HeaderProtection;
import org.facteur.pgp.mime.PgpMime;
import org.facteur.pgp.store.UserKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encryption at rest: replaces the message by PGP/MIME encrypted to the recipient's own certificate before local
 * delivery. Every recipient gets a copy encrypted to their key alone: the first keeps this mail, the others are
 * sent to the {@code deliveryProcessor} (default {@code local-delivery}). Messages already encrypted (PGP/MIME or
 * inline) are left byte for byte. The Subject and the other non-content headers stay readable (see docs/pgp.md).
 * A recipient whose certificate is missing, revoked or cannot encrypt gets the plain message, with a warning in the
 * log: refusing mail would lose it.
 */
public final class EncryptForRecipient extends GenericMailet {
    private static final Logger LOG = LoggerFactory.getLogger(EncryptForRecipient.class);

    private final UserKeyStore keys;
    private final PgpMime pgpMime;
    private String deliveryProcessor;

    @Inject
    public EncryptForRecipient(UserKeyStore keys, PgpMime pgpMime) {
        this.keys = keys;
        this.pgpMime = pgpMime;
    }

    @Override
    public void init() {
        deliveryProcessor = getInitParameter("deliveryProcessor", "local-delivery");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        try {
            if (PgpMime.isEncrypted(MimeBridge.toJakarta(mail.getMessage()))) {
                return;
            }
            List<MailAddress> recipients = new ArrayList<>(mail.getRecipients());
            for (MailAddress recipient : recipients.subList(1, recipients.size())) {
                Mail copy = mail.duplicate();
                try {
                    copy.setRecipients(List.of(recipient));
                    copy.setMessage(encryptedFor(recipient, mail.getMessage()));
                    getMailetContext().sendMail(copy, deliveryProcessor);
                } finally {
                    LifecycleUtil.dispose(copy);
                }
            }
            MailAddress first = recipients.getFirst();
            mail.setMessage(encryptedFor(first, mail.getMessage()));
            mail.setRecipients(List.of(first));
        } catch (IOException | PgpException e) {
            throw new MessagingException("Cannot encrypt the message for storage: " + e.getMessage(), e);
        }
    }

    private MimeMessage encryptedFor(MailAddress recipient, MimeMessage message) throws MessagingException, IOException {
        Optional<Certificate> certificate = keys.certificate(recipient.asString()).filter(Certificate::canEncrypt);
        if (certificate.isEmpty()) {
            LOG.warn("{} asked for encryption of incoming mail but has no usable key; delivering in clear", recipient.asString());
            return message;
        }
        return MimeBridge.toJavax(pgpMime.encrypt(MimeBridge.toJakarta(message), List.of(certificate.get()),
                HeaderProtection.KEEP_SUBJECT));
    }

    @Override
    public String getMailetInfo() {
        return "Facteur encryption at rest (PGP/MIME to the recipient's key)";
    }
}
