package org.facteur.webmail.compose;

import java.util.Date;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.facteur.webmail.imap.MailConnector;
import org.facteur.webmail.imap.MailboxSession;
import org.springframework.stereotype.Service;

/**
 * Sends a message over SMTP submission with the member's own login (so the server applies its sender
 * checks and quotas), then appends a copy to their Sent folder.
 */
@Service
public class MailSender {
    /** The Sent folder every Facteur mailbox is created with (RFC 6154 \Sent). */
    public static final String SENT = "Sent";

    private final MailConnector connector;

    public MailSender(MailConnector connector) {
        this.connector = connector;
    }

    /** Parses a comma-separated list of addresses, strictly (RFC 822 syntax). */
    public static InternetAddress[] parseAddresses(String list) throws AddressException {
        if (list == null || list.isBlank()) {
            return new InternetAddress[0];
        }
        return InternetAddress.parse(list.replace(';', ','), true);
    }

    public MimeMessage send(MailboxSession mailbox, ComposeForm form) throws MessagingException {
        MimeMessage message = new MimeMessage(connector.session());
        message.setFrom(new InternetAddress(mailbox.address()));
        message.setRecipients(Message.RecipientType.TO, parseAddresses(form.getTo()));
        InternetAddress[] cc = parseAddresses(form.getCc());
        if (cc.length > 0) {
            message.setRecipients(Message.RecipientType.CC, cc);
        }
        message.setSubject(form.getSubject(), "UTF-8");
        message.setText(form.getBody().replace("\r\n", "\n"), "UTF-8");
        message.setSentDate(new Date());
        message.saveChanges();
        mailbox.withSubmission(t -> {
            t.sendMessage(message, message.getAllRecipients());
            return null;
        });
        Folder sent = mailbox.store().getFolder(SENT);
        if (!sent.exists()) {
            sent.create(Folder.HOLDS_MESSAGES);
        }
        message.setFlag(Flags.Flag.SEEN, true);
        sent.appendMessages(new Message[] {message});
        return message;
    }
}
