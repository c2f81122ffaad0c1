package org.facteur.lists.digest;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.model.HeaderText;

/** One post of a digest, read back from its stored copy, with what the table of contents shows. */
record DigestEntry(MimeMessage message, String subject, String author, String date) {

    static DigestEntry of(byte[] copy) {
        MimeMessage message = MailComposer.parse(copy);
        try {
            Address[] from = message.getFrom();
            String author = from == null || from.length == 0 ? ""
                    : from[0] instanceof InternetAddress a ? a.toUnicodeString() : from[0].toString();
            return new DigestEntry(message, HeaderText.oneLine(message.getSubject()), HeaderText.oneLine(author),
                    HeaderText.oneLine(message.getHeader("Date", null)));
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot read a post kept for a digest: " + e.getMessage(), e);
        }
    }

    /** Its line in the table of contents: {@code   3. [team] Subject (Alice <alice@example.org>)}. */
    String tocLine(int number) {
        return String.format("%4d. %s (%s)", number, subject, author);
    }
}
