package org.facteur.lists.mail;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

/**
 * A message the list manager asks the mail server to send.
 *
 * @param envelopeSender SMTP MAIL FROM; empty for the null sender {@code <>} (replies that must never bounce back)
 * @param recipients envelope recipients, all in one transaction (the mail server groups them by domain)
 */
public record OutgoingMail(String envelopeSender, List<String> recipients, MimeMessage message) {
    public OutgoingMail {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an outgoing mail needs at least one recipient");
        }
    }
}
