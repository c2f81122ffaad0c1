package org.facteur.mailserver.mime;

import java.nio.charset.StandardCharsets;

/** Generated hostile (the MIME bomb family) and ordinary messages, with CRLF line ends and lines under 998 characters. */
public final class HostileMessages {
    private HostileMessages() {
    }

    static String head(String from, String to, String subject) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + Long.toHexString(System.nanoTime()) + "@hostile.test>\r\nMIME-Version: 1.0\r\n";
    }

    /** Multiparts nested {@code levels} deep, each closed properly. */
    public static byte[] deepMultipart(String from, String to, int levels) {
        StringBuilder m = new StringBuilder(head(from, to, "deep multipart " + levels));
        for (int i = 0; i < levels; i++) {
            m.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
        }
        m.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
        for (int i = levels - 1; i >= 0; i--) {
            m.append("--b").append(i).append("--\r\n");
        }
        return bytes(m);
    }

    /** Multiparts nested {@code levels} deep that are never closed (the message just ends). */
    public static byte[] deepUnterminated(String from, String to, int levels) {
        StringBuilder m = new StringBuilder(head(from, to, "unterminated " + levels));
        for (int i = 0; i < levels; i++) {
            m.append("Content-Type: multipart/mixed; boundary=u").append(i).append("\r\n\r\n--u").append(i).append("\r\n");
        }
        m.append("\r\nend\r\n");
        return bytes(m);
    }

    /** message/rfc822 parts inside each other, {@code levels} deep. */
    public static byte[] deepRfc822(String from, String to, int levels) {
        StringBuilder m = new StringBuilder(head(from, to, "deep rfc822 " + levels));
        for (int i = 0; i < levels; i++) {
            m.append("Content-Type: message/rfc822\r\n\r\nSubject: level ").append(i).append("\r\n");
        }
        m.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
        return bytes(m);
    }

    /** One multipart with {@code parts} tiny parts. */
    public static byte[] manyParts(String from, String to, int parts) {
        StringBuilder m = new StringBuilder(head(from, to, parts + " parts"));
        m.append("Content-Type: multipart/mixed; boundary=p\r\n\r\n");
        for (int i = 0; i < parts; i++) {
            m.append("--p\r\n\r\n").append(i).append("\r\n");
        }
        m.append("--p--\r\n");
        return bytes(m);
    }

    /** A header section of {@code lines} short fields. */
    public static byte[] manyHeaderLines(String from, String to, int lines) {
        StringBuilder m = new StringBuilder(head(from, to, lines + " header lines"));
        for (int i = 0; i < lines; i++) {
            m.append("X-Filler-").append(i).append(": x\r\n");
        }
        m.append("\r\nbody\r\n");
        return bytes(m);
    }

    /** One header field folded over lines of 900 characters until it is {@code bytes} long. */
    public static byte[] hugeHeader(String from, String to, int bytes) {
        StringBuilder m = new StringBuilder(head(from, to, "huge header " + bytes));
        m.append("X-Huge: start");
        String fold = "\r\n\t" + "h".repeat(898);
        for (int written = 0; written < bytes; written += fold.length()) {
            m.append(fold);
        }
        m.append("\r\n\r\nbody\r\n");
        return bytes(m);
    }

    /** Broken encodings and charsets: harmless for the structure, must be accepted and delivered. */
    public static byte[] brokenEncodings(String from, String to) {
        return bytes(new StringBuilder(head(from, to, "broken encodings"))
                .append("Comments: =?x-unknown?Q?broken=ZZ?= =?utf-8?B?////?= =?utf-8?Q?\0?=\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"enc\"\r\n\r\n")
                .append("--enc\r\nContent-Type: text/plain; charset=x-no-such-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append("!!!not base64@@@\r\n====\r\n")
                .append("--enc\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
                .append("=ZZ=4=\r\n=\r\n")
                .append("--enc\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: x-unknown\r\n\r\n")
                .append("data\r\n")
                .append("--enc\r\nContent-Type: multipart/alternative\r\n\r\nmultipart without a boundary\r\n")
                .append("--enc--\r\n"));
    }

    /** An ordinary message: mixed { alternative { text, html }, attachment, forwarded message }. */
    public static byte[] ordinary(String from, String to, String subject) {
        return bytes(new StringBuilder(head(from, to, subject))
                .append("Content-Type: multipart/mixed;\r\n boundary=\"==outer==\"\r\n\r\nThis is a MIME message.\r\n")
                .append("--==outer==\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n")
                .append("--inner\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello, this is ").append(subject).append("\r\n")
                .append("--inner\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p>\r\n")
                .append("--inner--\r\n")
                .append("--==outer==\r\nContent-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append("JVBERi0xLjQK\r\n")
                .append("--==outer==\r\nContent-Type: message/rfc822\r\n\r\nFrom: a@b.test\r\nSubject: forwarded\r\n\r\nold\r\n")
                .append("--==outer==--\r\nepilogue\r\n"));
    }

    private static byte[] bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A random member of the MIME bomb family, from {@code random}: nesting of multipart, digest and message/rfc822 up
     * to 120 levels (the same boundary reused at every level or not), up to 4,000 parts, up to 15,000 header lines,
     * garbage lines and broken encodings, cut short or not. Lines stay under 998 characters.
     */
    public static byte[] fuzzed(String from, String to, java.util.Random random, int n) {
        StringBuilder m = new StringBuilder(head(from, to, "fuzz " + n));
        int headerLines = random.nextInt(4) == 0 ? random.nextInt(15_000) : random.nextInt(20);
        for (int i = 0; i < headerLines; i++) {
            m.append("X-F").append(i).append(": ").append(random.nextInt(3) == 0 ? "=?utf-8?B?" + garbage(random, 40) + "?=" : "v")
                    .append("\r\n");
        }
        int depth = random.nextInt(3) == 0 ? random.nextInt(121) : random.nextInt(8);
        boolean sameBoundary = random.nextBoolean();
        java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
        for (int level = 0; level < depth; level++) {
            int kind = random.nextInt(4);
            if (kind == 3) {
                m.append("Content-Type: message/rfc822\r\n\r\nSubject: inner ").append(level).append("\r\n");
                continue;
            }
            String boundary = sameBoundary ? "same" : "b" + level + "_" + random.nextInt(1000);
            String type = kind == 2 ? "digest" : kind == 1 ? "alternative" : "mixed";
            m.append("Content-Type: multipart/").append(type).append("; boundary=\"").append(boundary).append("\"\r\n\r\n");
            if (random.nextInt(5) == 0) {
                m.append(garbage(random, 60)).append("\r\n");
            }
            m.append("--").append(boundary).append("\r\n");
            open.push(boundary);
        }
        int parts = random.nextInt(3) == 0 ? random.nextInt(4_000) : random.nextInt(5);
        String leafBoundary = "leaf" + random.nextInt(1000);
        m.append("Content-Type: multipart/mixed; boundary=").append(leafBoundary).append("\r\n\r\n");
        for (int i = 0; i < parts; i++) {
            m.append("--").append(leafBoundary).append("\r\n");
            switch (random.nextInt(4)) {
                case 0 -> m.append("Content-Transfer-Encoding: base64\r\n\r\n").append(garbage(random, 76)).append("\r\n");
                case 1 -> m.append("Content-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=").append(garbage(random, 20))
                        .append("=\r\n");
                case 2 -> m.append("Content-Type: text/plain; charset=\"x-").append(random.nextInt(99)).append("\"\r\n\r\nx\r\n");
                default -> m.append("\r\n").append(i).append("\r\n");
            }
        }
        boolean cut = random.nextInt(4) == 0;
        if (!cut) {
            m.append("--").append(leafBoundary).append("--\r\n");
            while (!open.isEmpty()) {
                m.append("--").append(open.pop()).append("--\r\n");
            }
        }
        return bytes(m);
    }

    private static String garbage(java.util.Random random, int length) {
        StringBuilder g = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            g.append((char) (33 + random.nextInt(94)));
        }
        return g.toString();
    }
}
