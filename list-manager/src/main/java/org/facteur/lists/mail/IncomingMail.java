package org.facteur.lists.mail;

import java.util.Optional;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.model.Addresses;
import org.facteur.lists.model.HeaderText;

/**
 * A message for one of a list's addresses, as the mail server received it.
 *
 * @param envelopeSender the SMTP MAIL FROM, empty for the null sender {@code <>}
 * @param recipient the list address it was sent to ({@code team@}, {@code team-request@}...)
 * @param authenticatedUser the SMTP AUTH identity when the poster logged in to submit it
 * @param size the size of the message in bytes
 */
public record IncomingMail(String envelopeSender, String recipient, Optional<String> authenticatedUser, MimeMessage message,
        long size) {

    /** The address the message says it is from (From:), falling back to the envelope sender; lower-cased. */
    public Optional<String> author() {
        try {
            Address[] from = message.getFrom();
            if (from != null) {
                for (Address address : from) {
                    if (address instanceof InternetAddress internet && Addresses.isValid(internet.getAddress())) {
                        return Optional.of(Addresses.normalize(internet.getAddress()));
                    }
                }
            }
        } catch (MessagingException e) {
            // An unparsable From falls back to the envelope.
        }
        return Addresses.isValid(envelopeSender) ? Optional.of(Addresses.normalize(envelopeSender)) : Optional.empty();
    }

    /** The display name in From: on one line (an encoded word may hide a line break), or empty. */
    public String authorName() {
        try {
            Address[] from = message.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress internet && internet.getPersonal() != null) {
                return HeaderText.oneLine(internet.getPersonal());
            }
        } catch (MessagingException e) {
            // No name then.
        }
        return "";
    }

    /** The decoded Subject on one line: whatever it hid (encoded CR, LF, NUL...) cannot reach a header we write. */
    public String subject() {
        try {
            return HeaderText.oneLine(message.getSubject());
        } catch (MessagingException e) {
            return "";
        }
    }

    public Optional<String> header(String name) {
        try {
            return Optional.ofNullable(message.getHeader(name, ","));
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }
}
