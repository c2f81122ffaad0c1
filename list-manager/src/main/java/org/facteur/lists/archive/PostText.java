package org.facteur.lists.archive;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;

/**
 * The words of a post that the archive search reads: its text/plain parts as they are and its text/html parts without
 * their markup (Lucene's {@link HTMLStripCharFilter}, which also drops scripts and styles and decodes entities), in
 * the order they come, forwarded messages included. Attachments are not read: a PDF's words are not the post's.
 */
public final class PostText {
    private PostText() {
    }

    /**
     * The start of the post's words ({@link #of}) with blank runs made one space, at most {@code maxChars}, ending in an
     * ellipsis when cut: a preview that is text, never markup.
     */
    public static String preview(MimeMessage message, int maxChars) {
        String text = of(message).replaceAll("\\s+", " ").strip();
        if (text.length() <= maxChars) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(maxChars)) ? maxChars - 1 : maxChars;
        return text.substring(0, end).stripTrailing() + "…";
    }

    static String of(MimeMessage message) {
        StringBuilder text = new StringBuilder();
        append(message, text, 0);
        return text.toString();
    }

    private static void append(Part part, StringBuilder text, int depth) {
        if (depth > 10) {
            return; // a message nested ten times deep is a trap, not a post
        }
        try {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart child = parts.getBodyPart(i);
                    append(child, text, depth + 1);
                }
            } else if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part nested) {
                append(nested, text, depth + 1);
            } else if (part.isMimeType("text/plain")) {
                text.append(part.getContent()).append('\n');
            } else if (part.isMimeType("text/html")) {
                text.append(withoutTags(String.valueOf(part.getContent()))).append('\n');
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // an unreadable part (unknown charset, broken encoding) leaves the rest of the post searchable
        }
    }

    static String withoutTags(String html) throws IOException {
        StringBuilder text = new StringBuilder(html.length());
        try (Reader stripped = new HTMLStripCharFilter(new StringReader(html))) {
            char[] buffer = new char[4096];
            for (int n; (n = stripped.read(buffer)) != -1;) {
                text.append(buffer, 0, n);
            }
        }
        return text.toString();
    }
}
