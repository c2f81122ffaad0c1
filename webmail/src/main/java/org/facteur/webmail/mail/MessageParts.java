package org.facteur.webmail.mail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import org.eclipse.angus.mail.imap.IMAPBodyPart;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.facteur.webmail.mime.BodyText;
import org.facteur.webmail.mime.HeaderBlock;

/**
 * Splits a message into what is read (the first text/plain and text/html bodies, with later inline text
 * parts such as a list footer appended to the text) and what is downloaded (every other leaf part,
 * numbered in depth-first order so that {@link #attachment} finds it again).
 *
 * <p>The work per message is bounded, whatever the sender built: at most {@link #MAX_PARTS} parts are
 * walked and {@link #MAX_DEPTH} levels deep, at most {@link #MAX_TEXT_PARTS} text parts are read, and at
 * most {@link #MAX_BODY_CHARS} characters of text and of HTML. Parts beyond are counted, not read, and the
 * page says how many attachments it does not show. On an IMAP message the walk reads the structure the
 * server sent once (BODYSTRUCTURE) and asks the server for nothing per part, except the text bodies it
 * shows and, in one command, the headers of attachments whose name the server garbled.
 */
public final class MessageParts {
    /**
     * Parts (multiparts and leaves) walked per message. Real mail has a few, a MIME digest of a busy list a
     * hundred; 10,000 tiny parts in 1 MB is an attack (it kept a core busy for minutes per view).
     */
    public static final int MAX_PARTS = 300;
    /** Nesting levels walked. Real mail nests five or six (mixed, alternative, related, a forwarded message). */
    public static final int MAX_DEPTH = 20;
    /** Inline text parts joined into the body; those beyond are listed as attachments. */
    static final int MAX_TEXT_PARTS = 20;
    /**
     * Characters of text, and of HTML, shown (and sanitized) per view: ten times what Gmail shows before
     * clipping a message, and about a second of sanitizing on this kind of machine in the worst case.
     */
    public static final int MAX_BODY_CHARS = 1_000_000;
    private static final java.util.regex.Pattern TYPE =
            java.util.regex.Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    /** Leaves counted beyond the walk, to tell how many attachments are not shown. */
    private static final int MAX_COUNTED = 1_000_000;

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

    /**
     * The readable bodies (either may be null), the attachments listed, how many other attachments the
     * message has that are not listed, whether a body was cut at {@link #MAX_BODY_CHARS}, and whether the
     * message is OpenPGP encrypted or signed.
     */
    public record Parsed(String text, String html, List<Attachment> attachments, int attachmentsNotShown, boolean cut,
            OpenPgp openPgp) {
        public Parsed(String text, String html, List<Attachment> attachments) {
            this(text, html, attachments, 0, false);
        }

        /** A message whose structure says nothing of OpenPGP: only its text may (an inline armored block). */
        public Parsed(String text, String html, List<Attachment> attachments, int attachmentsNotShown, boolean cut) {
            this(text, html, attachments, attachmentsNotShown, cut, OpenPgp.of(false, false, text));
        }

        /** Nothing to read and nothing to download: the structure said nothing useful (an empty multipart). */
        public boolean isEmpty() {
            return text == null && html == null && attachments.isEmpty() && attachmentsNotShown == 0;
        }
    }

    /** An attachment with the part that holds its bytes (for forwarding). */
    public record Located(Attachment attachment, Part part) {
    }

    /**
     * Headers of parts fetched in one go: section ({@code "1.2"}, or {@code ""} for the message itself) to
     * raw header bytes. Used for IMAP parts only.
     */
    @FunctionalInterface
    public interface SectionHeaders {
        Map<String, byte[]> fetch(List<String> sections) throws MessagingException;
    }

    private MessageParts() {
    }

    public static Parsed parse(Part message) throws MessagingException, IOException {
        return parse(message, null);
    }

    /** {@code headers} fetches part headers for names the server garbled; null reads them from the parts. */
    public static Parsed parse(Part message, SectionHeaders headers) throws MessagingException, IOException {
        Walker w = new Walker(-1, true);
        w.walk(message, 0, "");
        List<Attachment> attachments = w.attachments.stream().map(Located::attachment).toList();
        if (headers != null && !w.garbled.isEmpty()) {
            attachments = withRealNames(attachments, w.garbled, headers);
        }
        String text = w.text == null ? null : w.text.toString();
        return new Parsed(text, w.html, attachments, w.notShown, w.cut, OpenPgp.of(w.pgpEncrypted, w.pgpSigned, text));
    }

    /** The attachments of the message with their parts, as {@link #parse} lists them (for forwarding). */
    public static List<Located> attachments(Part message) throws MessagingException, IOException {
        Walker w = new Walker(-1, false);
        w.walk(message, 0, "");
        return List.copyOf(w.attachments);
    }

    /** The leaf part numbered {@code index} by {@link #parse}, or null. */
    public static Part attachment(Part message, int index) throws MessagingException, IOException {
        if (index < 0 || index >= MAX_PARTS) {
            return null;
        }
        Walker w = new Walker(index, false);
        w.walk(message, 0, "");
        return w.found;
    }

    private static List<Attachment> withRealNames(List<Attachment> attachments, Map<Integer, String> garbled,
            SectionHeaders headers) {
        Map<String, byte[]> fetched;
        try {
            fetched = headers.fetch(List.copyOf(garbled.values()));
        } catch (MessagingException | RuntimeException e) {
            return attachments; // keep the names the structure gave
        }
        List<Attachment> out = new ArrayList<>(attachments.size());
        for (Attachment a : attachments) {
            String section = garbled.get(a.index());
            String name = section == null ? null : cleanName(HeaderBlock.parse(fetched.get(section)).declaredFileName());
            out.add(name == null ? a : new Attachment(a.index(), name, a.contentType(), a.size()));
        }
        return out;
    }

    private static final class Walker {
        private final int wanted;
        private final boolean readBodies;
        private int visited;
        private int next;
        private int textParts;
        private boolean htmlSeen;
        StringBuilder text;
        String html;
        boolean cut;
        int notShown;
        /** A PGP/MIME multipart was walked (the message itself, or one wrapped by a list's footer). */
        boolean pgpEncrypted;
        boolean pgpSigned;
        final List<Located> attachments = new ArrayList<>();
        /** Attachment number to section, for names to look up in the part's own headers. */
        final Map<Integer, String> garbled = new HashMap<>();
        Part found;

        Walker(int wanted, boolean readBodies) {
            this.wanted = wanted;
            this.readBodies = readBodies;
        }

        void walk(Part part, int depth, String section) throws MessagingException, IOException {
            if (found != null) {
                return;
            }
            if (depth > MAX_DEPTH || visited >= MAX_PARTS) {
                notShown += count(part, depth);
                return;
            }
            visited++;
            Multipart multipart = multipart(part);
            if (multipart != null) {
                String type = contentType(part);
                pgpEncrypted |= OpenPgp.isPgpMime(type, "encrypted");
                pgpSigned |= OpenPgp.isPgpMime(type, "signed");
                int count = multipart.getCount();
                for (int i = 0; i < count && found == null; i++) {
                    walk(multipart.getBodyPart(i), depth + 1, section.isEmpty() ? Integer.toString(i + 1) : section + "." + (i + 1));
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
            if (inlineText(part) && body(part)) {
                return;
            }
            Attachment a = new Attachment(index, filename(part, index), baseType(part), size(part));
            attachments.add(new Located(a, part));
            if (fromServer(part) && a.filename().indexOf('?') >= 0) {
                garbled.put(index, section);
            }
        }

        /**
         * Whether an inline text part is one of the bodies (read into them when {@code readBodies}); false
         * when it is to be listed as an attachment instead. The choice never depends on the content, so
         * {@link #parse} and {@link #attachments} agree.
         */
        private boolean body(Part part) throws MessagingException, IOException {
            // a multipart whose structure cannot be read (no boundary) is shown as the text it is
            if ((is(part, "text/plain") || is(part, "multipart/*")) && textParts < MAX_TEXT_PARTS) {
                textParts++;
                if (readBodies) {
                    appendText(part);
                }
                return true;
            }
            if (is(part, "text/html") && !htmlSeen) {
                htmlSeen = true;
                textParts++;
                if (readBodies) {
                    BodyText.Read body = BodyText.read(part, MAX_BODY_CHARS);
                    cut |= body.cut();
                    html = body.text();
                }
                return true;
            }
            return false;
        }

        private void appendText(Part part) throws MessagingException, IOException {
            int room = MAX_BODY_CHARS - (text == null ? 0 : text.length());
            if (room <= 0) {
                cut = true;
                return;
            }
            BodyText.Read body = BodyText.read(part, room);
            cut |= body.cut();
            if (text == null) {
                text = new StringBuilder(body.text());
            } else {
                text.append("\n\n").append(body.text());
            }
        }

        /** Leaves under {@code part}, counted without reading them (up to a bound). */
        private int count(Part part, int depth) {
            int[] total = {0};
            countInto(part, depth, total);
            return total[0];
        }

        private void countInto(Part part, int depth, int[] total) {
            if (total[0] >= MAX_COUNTED) {
                return;
            }
            Multipart multipart = depth > MAX_DEPTH + 50 ? null : multipart(part);
            if (multipart == null) {
                total[0]++;
                return;
            }
            try {
                int count = multipart.getCount();
                for (int i = 0; i < count && total[0] < MAX_COUNTED; i++) {
                    countInto(multipart.getBodyPart(i), depth + 1, total);
                }
            } catch (MessagingException e) {
                total[0]++;
            }
        }
    }

    /** The part's multipart content, or null for a leaf (or a multipart whose structure cannot be read). */
    private static Multipart multipart(Part part) {
        try {
            if (is(part, "multipart/*") && part.getContent() instanceof Multipart mp) {
                mp.getCount(); // a broken multipart (no boundary) fails here: it is shown as text instead
                return mp;
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // not a readable multipart: a leaf
        }
        return null;
    }

    private static boolean inlineText(Part part) throws MessagingException {
        return (is(part, "text/*") || is(part, "multipart/*"))
                && !Part.ATTACHMENT.equalsIgnoreCase(disposition(part)) && declaredName(part) == null;
    }

    private static boolean fromServer(Part part) {
        return part instanceof IMAPBodyPart || part instanceof IMAPMessage;
    }

    /** The Content-Type with its parameters, or null when the header does not parse. */
    private static String contentType(Part part) {
        try {
            return part.getContentType();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The disposition, or null when the header does not parse. */
    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static int size(Part part) {
        try {
            return part.getSize();
        } catch (MessagingException | RuntimeException e) {
            return -1;
        }
    }

    static String filename(Part part, int index) throws MessagingException {
        String name = cleanName(declaredName(part));
        if (name == null || name.isEmpty()) {
            name = "part-" + index + (is(part, "message/rfc822") ? ".eml" : is(part, "text/*") ? ".txt" : ".bin");
        }
        return name;
    }

    private static String cleanName(String declared) {
        if (declared == null) {
            return null;
        }
        String name = HeaderBlock.shown(declared).replaceAll("[/\\\\\\uFFFD]", "_").strip();
        return name.isEmpty() ? null : name;
    }

    /**
     * The file name as the part gives it. For a part read from IMAP, what BODYSTRUCTURE says (James 3.8.1
     * turns non-ASCII letters into "?" there: {@link #parse} looks those up in the part's own headers, in
     * one command for all of them). For a part parsed here, its own Content-Disposition / Content-Type.
     */
    private static String declaredName(Part part) {
        try {
            return fromServer(part) ? part.getFileName() : ownHeaders(part).declaredFileName();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The part's Content-Disposition and Content-Type (for a part from IMAP, one FETCH of its MIME header). */
    private static HeaderBlock ownHeaders(Part part) throws MessagingException {
        StringBuilder block = new StringBuilder();
        for (String name : new String[] {"Content-Disposition", "Content-Type"}) {
            String[] values = part.getHeader(name);
            if (values != null && values.length > 0) {
                block.append(name).append(": ").append(values[0]).append("\r\n");
            }
        }
        return HeaderBlock.parse(block.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The name for a single download, looking in the part's own headers when the server garbled it. */
    static String downloadName(Part part, int index) throws MessagingException {
        String name = filename(part, index);
        if (name.indexOf('?') >= 0 && fromServer(part)) {
            try {
                String real = cleanName(ownHeaders(part).declaredFileName());
                if (real != null) {
                    return real;
                }
            } catch (MessagingException | RuntimeException e) {
                // keep the structure's name
            }
        }
        return name;
    }

    /** The part's bytes with its transfer encoding undone, or as stored when that encoding is broken. */
    public static byte[] bytes(Part part) throws MessagingException, IOException {
        try (var in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException | MessagingException brokenEncoding) {
            if (part instanceof jakarta.mail.internet.MimeBodyPart p) {
                try (var in = p.getRawInputStream()) {
                    return in.readAllBytes();
                }
            }
            throw brokenEncoding;
        }
    }

    static String baseType(Part part) {
        String base = declaredType(part);
        return base == null ? "application/octet-stream" : base;
    }

    /** The type/subtype the part declares, in lower case, or null when it declares none that parses. */
    private static String declaredType(Part part) {
        String type = contentType(part);
        if (type == null) {
            return null;
        }
        int semicolon = type.indexOf(';');
        String base = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return TYPE.matcher(base).matches() ? base : null;
    }

    /**
     * Whether the part is of {@code pattern} ({@code text/plain}, {@code multipart/*}); a part whose type
     * does not parse is text/plain (RFC 2045, 5.2), as James's BODYSTRUCTURE also says.
     */
    private static boolean is(Part part, String pattern) {
        String type = declaredType(part);
        if (type == null) {
            type = "text/plain";
        }
        return pattern.endsWith("/*") ? type.startsWith(pattern.substring(0, pattern.length() - 1)) : type.equals(pattern);
    }
}
