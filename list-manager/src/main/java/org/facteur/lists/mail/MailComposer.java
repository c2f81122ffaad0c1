package org.facteur.lists.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.facteur.lists.model.HeaderText;

/**
 * Builds the plain-text mails the robot sends: replies, confirmations, notices. The subject and the sender's name are
 * written on one line whatever they hold (a poster's subject, a list name read from the store), and the message it
 * answers is referred to only by a well-formed Message-ID.
 */
public final class MailComposer {
    private static final Session SESSION = Session.getInstance(new Properties());
    /** {@code <left@right>} in printable ASCII, nothing else: it is copied into In-Reply-To and References. */
    private static final Pattern MESSAGE_ID = Pattern.compile("<[!-;=?-~]+@[!-;=?-~]+>");

    private MailComposer() {
    }

    public static Session session() {
        return SESSION;
    }

    public static MimeMessage parse(byte[] raw) {
        try {
            return new ListMimeMessage(SESSION, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot read a stored message: " + e.getMessage(), e);
        }
    }

    public static byte[] bytes(MimeMessage message) {
        try {
            var out = new java.io.ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("Cannot write a message: " + e.getMessage(), e);
        }
    }

    /** A robot mail, sent from {@code from} (envelope and header). {@code inReplyTo} threads it under the message it answers; {@code attached} rides along as message/rfc822. */
    public static OutgoingMail compose(String from, String fromName, String to, String replyTo, String subject, String body,
            MimeMessage inReplyTo, MimeMessage attached) {
        try {
            MimeMessage message = new MimeMessage(SESSION);
            message.setFrom(new InternetAddress(from, HeaderText.oneLine(fromName), StandardCharsets.UTF_8.name()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            if (replyTo != null) {
                message.setReplyTo(new InternetAddress[] {new InternetAddress(replyTo)});
            }
            message.setSubject(HeaderText.oneLine(subject), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setHeader("Auto-Submitted", "auto-replied");
            message.setHeader("Precedence", "list");
            if (inReplyTo != null) {
                String id = inReplyTo.getMessageID();
                if (id != null && MESSAGE_ID.matcher(id.strip()).matches()) {
                    id = id.strip();
                    message.setHeader("In-Reply-To", id);
                    message.setHeader("References", id);
                }
            }
            if (attached == null) {
                message.setText(body, StandardCharsets.UTF_8.name());
            } else {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(body, StandardCharsets.UTF_8.name());
                MimeBodyPart original = new MimeBodyPart();
                original.setContent(attached, "message/rfc822");
                original.setDisposition("inline");
                message.setContent(new MimeMultipart(text, original));
            }
            message.saveChanges();
            // Envelope sender = the robot address itself: a bounce comes back to the robot, which ignores
            // mail from mailer-daemons, so it can never loop. (Some peers, GreenMail among them, refuse <>.)
            return new OutgoingMail(from, List.of(to), message);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Cannot compose a robot mail: " + e.getMessage(), e);
        }
    }
}
