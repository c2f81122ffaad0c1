package org.facteur.lists.digest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.command.CommandParser;

/**
 * The plain-text digest, RFC 1153's layout: the table of contents, a line of 70 dashes, then each post as its
 * {@code Date}, {@code From} and {@code Subject} lines, a blank line and its text, followed by a blank line and a line
 * of 30 dashes; then the closing line and a line of asterisks. A post's own line of 30 dashes is stuffed ({@code "- "},
 * RFC 934) so that it cannot cut the digest. Attachments are left out: only each post's text is shown.
 */
final class PlainDigest extends DigestMail {
    static final String SEPARATOR = "-".repeat(30);

    @Override
    void body(MimeMessage digest, String toc, List<DigestEntry> entries, String end) throws MessagingException, IOException {
        StringBuilder text = new StringBuilder(toc).append('\n').append("-".repeat(70)).append("\n\n");
        for (DigestEntry entry : entries) {
            text.append("Date: ").append(entry.date()).append('\n');
            text.append("From: ").append(entry.author()).append('\n');
            text.append("Subject: ").append(entry.subject()).append("\n\n");
            String body = CommandParser.bodyText(entry.message()).replace("\r\n", "\n");
            for (String line : body.split("\n", -1)) {
                text.append(line.strip().equals(SEPARATOR) ? "- " + line : line).append('\n');
            }
            text.append('\n').append(SEPARATOR).append("\n\n");
        }
        text.append(end).append('\n').append("*".repeat(end.length())).append('\n');
        digest.setText(text.toString(), StandardCharsets.UTF_8.name());
    }
}
