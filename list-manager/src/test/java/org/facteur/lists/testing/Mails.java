package org.facteur.lists.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.command.CommandParser;
import org.facteur.lists.mail.IncomingMail;
import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.mail.OutgoingMail;

/** Builds incoming mails from text and reads outgoing ones, for tests. */
public final class Mails {
    private static int counter;

    private Mails() {
    }

    public static IncomingMail incoming(String from, String to, String subject, String body, String... extraHeaders) {
        return incoming(from, to, Optional.empty(), subject, body, extraHeaders);
    }

    public static IncomingMail authenticated(String from, String to, String subject, String body) {
        return incoming(from, to, Optional.of(from), subject, body);
    }

    private static IncomingMail incoming(String from, String to, Optional<String> auth, String subject, String body, String... extraHeaders) {
        StringBuilder raw = new StringBuilder();
        raw.append("From: ").append(from).append("\r\n");
        raw.append("To: ").append(to).append("\r\n");
        raw.append("Subject: ").append(subject).append("\r\n");
        raw.append("Message-ID: <test-").append(++counter).append("-").append(System.nanoTime()).append("@remote.test>\r\n");
        raw.append("Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n");
        for (String header : extraHeaders) {
            raw.append(header).append("\r\n");
        }
        raw.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        raw.append(body.replace("\n", "\r\n")).append("\r\n");
        byte[] bytes = raw.toString().getBytes(StandardCharsets.UTF_8);
        try {
            MimeMessage message = new MimeMessage(MailComposer.session(), new ByteArrayInputStream(bytes));
            String envelope = from.replaceAll(".*<([^>]+)>.*", "$1");
            return new IncomingMail(envelope, to, auth, message, bytes.length);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reply to an outgoing mail, as a mail client makes it: "Re: " subject, quoted body, own lines on top. */
    public static IncomingMail replyTo(OutgoingMail mail, String from, String ownText) {
        String quoted = "> " + text(mail).replace("\n", "\n> ");
        try {
            String to = mail.message().getReplyTo()[0].toString();
            return incoming(from, to, "Re: " + mail.message().getSubject(), ownText + "\n\nOn Sunday, the robot wrote:\n" + quoted);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(OutgoingMail mail) {
        try {
            return CommandParser.bodyText(mail.message());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(OutgoingMail mail) {
        try {
            return mail.message().getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(OutgoingMail mail, String name) {
        try {
            return mail.message().getHeader(name, ",");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mails addressed to this recipient. */
    public static List<OutgoingMail> to(List<OutgoingMail> mails, String recipient) {
        return mails.stream().filter(m -> m.recipients().contains(recipient)).toList();
    }

    /** The first match of a regex group in the text of a mail. */
    public static String find(OutgoingMail mail, String regex) {
        Matcher m = Pattern.compile(regex).matcher(subject(mail) + "\n" + text(mail));
        if (!m.find()) {
            throw new AssertionError("No /" + regex + "/ in:\n" + subject(mail) + "\n" + text(mail));
        }
        return m.group(1);
    }
}
