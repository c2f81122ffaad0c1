package org.facteur.webmail.mail;

import java.nio.charset.StandardCharsets;

/** Messages that make a reader walk many MIME parts: flat, all attachments or all inline text, and nested. */
final class ManyParts {
    private ManyParts() {
    }

    /**
     * {@code count} small parts in one multipart/mixed, about 110 bytes each (10,000 make the 1.1 MB
     * message of issue #16): a text body first, then {@code count - 1} attachments, or inline text parts.
     * Attachment names are non-ASCII in RFC 2231 ({@code fé2.bin}…), which James's BODYSTRUCTURE garbles:
     * the webmail must look them up in the parts' own headers, in one command.
     */
    static byte[] flat(String subject, int count, boolean inlineText) {
        StringBuilder b = new StringBuilder(count * 120);
        b.append("From: bob@example.org\r\nTo: carol@example.org\r\nSubject: ").append(subject)
                .append("\r\nMessage-ID: <").append(subject).append("@parts.test>\r\nMIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        b.append("--b\r\nContent-Type: text/plain\r\n\r\nfirst words of ").append(subject).append("\r\n");
        for (int i = 2; i <= count; i++) {
            if (inlineText) {
                b.append("--b\r\nContent-Type: text/plain\r\n\r\nline ").append(i).append("\r\n");
            } else {
                b.append("--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; ")
                        .append("filename*=utf-8''f%C3%A9").append(i).append(".bin\r\n\r\nAAAA\r\n");
            }
        }
        b.append("--b--\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A text body inside {@code depth} nested multiparts, with one attachment at every level. */
    static byte[] nested(String subject, int depth) {
        StringBuilder b = new StringBuilder();
        b.append("From: bob@example.org\r\nTo: carol@example.org\r\nSubject: ").append(subject)
                .append("\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        for (int i = 0; i < depth; i++) {
            b.append("--b").append(i).append("\r\nContent-Type: application/octet-stream; name=\"level").append(i)
                    .append(".bin\"\r\n\r\nAAAA\r\n");
            b.append("--b").append(i).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(i + 1).append("\"\r\n\r\n");
        }
        b.append("--b").append(depth).append("\r\nContent-Type: text/plain\r\n\r\ndeepest words of ").append(subject).append("\r\n");
        b.append("--b").append(depth).append("--\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            b.append("--b").append(i).append("--\r\n");
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
