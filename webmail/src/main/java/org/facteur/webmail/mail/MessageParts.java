package org.facteur.webmail.mail;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

/**
 * Splits a message into what is read (the first text/plain and text/html bodies, with later inline text
 * parts such as a list footer appended to the text) and what is downloaded (every other leaf part,
 * numbered in depth-first order so that {@link #attachment(Part, int)} finds it again).
 */
public final class MessageParts {
    /** Bodies longer than this are cut: a webmail page is not the place for a 50 MB text. */
    static final int MAX_BODY_CHARS = 2_000_000;
    private static final int MAX_DEPTH = 20;

    /** A downloadable part: its number in the message, file name, MIME type and (encoded) size in bytes. */
    public record Attachment(int index, String filename, String contentType, int size) {
        public String humanSize() {
            if (size < 0) {
                return "";
            }
            if (size < 1024) {
                return size + " B";
            }
            return size < 1024 * 1024 ? (size + 1023) / 1024 + " KB" : String.format(Locale.ROOT, "%.1f MB", size / 1048576.0);
        }
    }

    /** The readable bodies (either may be null) and the attachments. */
    public record Parsed(String text, String html, List<Attachment> attachments) {
    }

    private MessageParts() {
    }

    public static Parsed parse(Part message) throws MessagingException, IOException {
        Walker w = new Walker(-1);
        w.walk(message, 0);
        return new Parsed(w.text == null ? null : cut(w.text.toString()), w.html, List.copyOf(w.attachments));
    }

    /** The leaf part numbered {@code index} by {@link #parse}, or null. */
    public static Part attachment(Part message, int index) throws MessagingException, IOException {
        Walker w = new Walker(index);
        w.walk(message, 0);
        return w.found;
    }

    private static final class Walker {
        private final int wanted;
        private int next;
        StringBuilder text;
        String html;
        final List<Attachment> attachments = new ArrayList<>();
        Part found;

        Walker(int wanted) {
            this.wanted = wanted;
        }

        void walk(Part part, int depth) throws MessagingException, IOException {
            if (depth > MAX_DEPTH || found != null) {
                return;
            }
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    walk(mp.getBodyPart(i), depth + 1);
                }
                return;
            }
            int index = next++;
            if (index == wanted) {
                found = part;
                return;
            }
            if (wanted >= 0) {
                return;
            }
            boolean inline = !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part.getFileName() == null
                    && part.isMimeType("text/*");
            if (inline && part.isMimeType("text/plain")) {
                String body = asText(part);
                if (text == null) {
                    text = new StringBuilder(body);
                } else if (text.length() < MAX_BODY_CHARS) {
                    text.append("\n\n").append(body);
                }
            } else if (inline && part.isMimeType("text/html") && html == null) {
                html = cut(asText(part));
            } else {
                attachments.add(new Attachment(index, filename(part, index), baseType(part), part.getSize()));
            }
        }
    }

    static String filename(Part part, int index) throws MessagingException {
        String name = declaredName(part);
        if (name != null) {
            try {
                name = MimeUtility.decodeText(name);
            } catch (UnsupportedEncodingException e) {
                // keep the raw name
            }
            name = name.replaceAll("[\\p{Cntrl}/\\\\]", "_").strip();
        }
        if (name == null || name.isEmpty()) {
            name = "part-" + index + (part.isMimeType("message/rfc822") ? ".eml" : part.isMimeType("text/*") ? ".txt" : ".bin");
        }
        return name;
    }

    /**
     * The file name as the part's own headers give it (RFC 2231 or RFC 2047). Not from IMAP BODYSTRUCTURE:
     * James 3.8.1 turns non-ASCII letters of a name into "?" there.
     */
    private static String declaredName(Part part) throws MessagingException {
        try {
            String[] disposition = part.getHeader("Content-Disposition");
            if (disposition != null && disposition.length > 0) {
                String name = new ContentDisposition(disposition[0]).getParameter("filename");
                if (name != null) {
                    return name;
                }
            }
            String[] type = part.getHeader("Content-Type");
            if (type != null && type.length > 0) {
                String name = new ContentType(type[0]).getParameter("name");
                if (name != null) {
                    return name;
                }
            }
        } catch (ParseException e) {
            // malformed header: fall back to what the IMAP library makes of it
        }
        return part.getFileName();
    }

    static String baseType(Part part) throws MessagingException {
        String type = part.getContentType();
        if (type == null) {
            return "application/octet-stream";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String asText(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            return content instanceof String s ? s : new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (UnsupportedEncodingException e) {
            // Unknown charset: show the bytes as UTF-8 rather than nothing.
            return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String cut(String s) {
        return s.length() > MAX_BODY_CHARS ? s.substring(0, MAX_BODY_CHARS) : s;
    }
}
