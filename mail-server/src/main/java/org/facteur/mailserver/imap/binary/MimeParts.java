package org.facteur.mailserver.imap.binary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.field.ContentTypeFieldLenientImpl;
import org.apache.james.mime4j.stream.RawField;

/**
 * Finds a part of a stored message by its IMAP part number (RFC 3501 §6.4.5) in the message's own bytes, and gives
 * its body exactly as stored with the transfer encoding its header names. Works on offsets into the message: nothing
 * is rewritten, so a part's bytes are the bytes the sender wrote. Lenient as mail must be: LF-only line ends, a
 * missing closing delimiter, a part without header.
 *
 * <p>Numbering: the parts of a multipart are 1, 2, …; a message that is not multipart has one part, 1, its body; the
 * parts of a {@code message/rfc822} part are numbered as those of the message it holds.
 */
final class MimeParts {
    private static final int MAX_DEPTH = 100;

    private MimeParts() {
    }

    /** A part: its body's bytes as stored and its Content-Transfer-Encoding, lower case, empty when none. */
    record Part(byte[] body, String transferEncoding) {
    }

    /** The part at {@code path} (non-empty) of {@code message}, or empty when the message has no such part. */
    static Optional<Part> locate(byte[] message, int[] path) {
        if (path.length == 0 || path.length > MAX_DEPTH) {
            return Optional.empty();
        }
        Entity current = Entity.parse(message, 0, message.length, "text/plain");
        boolean isMessage = true;
        for (int number : path) {
            Entity container = current;
            if (!isMessage && current.isType("message/rfc822")) {
                container = Entity.parse(message, current.bodyStart, current.end, "text/plain");
                isMessage = true;
            }
            if (container.isMultipart()) {
                List<Entity> children = container.children(message);
                if (number < 1 || number > children.size()) {
                    return Optional.empty();
                }
                current = children.get(number - 1);
            } else if (isMessage && number == 1) {
                current = container;
            } else {
                return Optional.empty();
            }
            isMessage = false;
        }
        return Optional.of(new Part(Arrays.copyOfRange(message, current.bodyStart, current.end),
                current.transferEncoding));
    }

    /**
     * The message with every part in {@code Content-Transfer-Encoding: binary}, or holding a NUL without being base64
     * or quoted-printable, turned into base64; everything else byte for byte as it was; the same array when nothing
     * needed it. What RFC 3516 §4.4 lets a server do with binary content APPENDed as a literal8: BODY, RFC822 and
     * every client that knows nothing of BINARY then see text that an IMAP literal may carry (no NUL), and BINARY
     * gives the original bytes back.
     */
    static byte[] base64ForBinaryParts(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 3 + 64);
        try {
            return writeWithBase64ForBinaryParts(message, out) ? out.toByteArray() : message;
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to be written", e);
        }
    }

    /**
     * Writes to {@code out} the message of {@link #base64ForBinaryParts}, a piece at a time, holding no second copy
     * of it: true when some part was turned into base64, false when what was written is the message as it was.
     */
    static boolean writeWithBase64ForBinaryParts(byte[] message, OutputStream out) throws IOException {
        return rewrite(message, 0, message.length, "text/plain", out, 0);
    }

    private static boolean rewrite(byte[] bytes, int start, int end, String defaultType, OutputStream out, int depth)
            throws IOException {
        Entity entity = Entity.parse(bytes, start, end, defaultType);
        if (depth < MAX_DEPTH && entity.isMultipart()) {
            out.write(bytes, start, entity.bodyStart - start);
            boolean changed = false;
            int cursor = entity.bodyStart;
            String childType = entity.isType("multipart/digest") ? "message/rfc822" : "text/plain";
            for (Entity child : entity.children(bytes)) {
                out.write(bytes, cursor, child.start - cursor);
                changed |= rewrite(bytes, child.start, child.end, childType, out, depth + 1);
                cursor = child.end;
            }
            out.write(bytes, cursor, end - cursor);
            return changed;
        }
        if (depth < MAX_DEPTH && entity.isType("message/rfc822")) {
            out.write(bytes, start, entity.bodyStart - start);
            return rewrite(bytes, entity.bodyStart, end, "text/plain", out, depth + 1);
        }
        boolean binary = entity.transferEncoding.equals("binary")
                || (!entity.transferEncoding.equals("base64") && !entity.transferEncoding.equals("quoted-printable")
                        && contains(bytes, entity.bodyStart, end, (byte) 0));
        if (!binary) {
            out.write(bytes, start, end - start);
            return false;
        }
        writeHeaderWithBase64(bytes, start, entity.bodyStart, out);
        writeBase64(bytes, entity.bodyStart, end, out);
        return true;
    }

    /** The header without its Content-Transfer-Encoding field, that field as base64 added last, then the blank line. */
    private static void writeHeaderWithBase64(byte[] bytes, int start, int bodyStart, OutputStream out)
            throws IOException {
        int line = start;
        boolean skipping = false;
        while (line < bodyStart) {
            int lineEnd = Entity.lineEnd(bytes, line, bodyStart);
            int next = Entity.nextLine(bytes, lineEnd, bodyStart);
            if (lineEnd == line) {
                break; // the blank line that ends the header
            }
            boolean continuation = bytes[line] == ' ' || bytes[line] == '\t';
            if (!continuation) {
                String name = new String(bytes, line, lineEnd - line, StandardCharsets.ISO_8859_1);
                int colon = name.indexOf(':');
                skipping = colon > 0 && name.substring(0, colon).strip().equalsIgnoreCase("Content-Transfer-Encoding");
            }
            if (!skipping) {
                out.write(bytes, line, lineEnd - line);
                out.write(CRLF);
            }
            line = next;
        }
        out.write("Content-Transfer-Encoding: base64\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * {@code bytes[from, to)} in base64 as {@link Base64#getMimeEncoder()} writes it (lines of 76 characters, CR LF
     * between them, none after the last), encoded a chunk of whole lines at a time.
     */
    private static void writeBase64(byte[] bytes, int from, int to, OutputStream out) throws IOException {
        Base64.Encoder encoder = Base64.getMimeEncoder();
        for (int chunk = from; chunk < to; chunk += BASE64_CHUNK_BYTES) {
            if (chunk > from) {
                out.write(CRLF);
            }
            out.write(encoder.encode(Arrays.copyOfRange(bytes, chunk, Math.min(to, chunk + BASE64_CHUNK_BYTES))));
        }
    }

    /** 1024 lines of base64: 57 bytes make one line of 76 characters. */
    private static final int BASE64_CHUNK_BYTES = 57 * 1024;

    private static final byte[] CRLF = {'\r', '\n'};

    private static boolean contains(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return true;
            }
        }
        return false;
    }

    /** A header and a body as offsets into the message; the content type and encoding read from the header. */
    private static final class Entity {
        private final int start;
        private final int bodyStart;
        private final int end;
        private final String mimeType;
        private final String boundary;
        private final String transferEncoding;

        private Entity(int start, int bodyStart, int end, String mimeType, String boundary, String transferEncoding) {
            this.start = start;
            this.bodyStart = bodyStart;
            this.end = end;
            this.mimeType = mimeType;
            this.boundary = boundary;
            this.transferEncoding = transferEncoding;
        }

        static Entity parse(byte[] bytes, int start, int end, String defaultType) {
            int bodyStart = end;
            HeaderFields fields = new HeaderFields();
            StringBuilder field = new StringBuilder();
            int line = start;
            while (line < end) {
                int lineEnd = lineEnd(bytes, line, end);
                int next = nextLine(bytes, lineEnd, end);
                if (lineEnd == line) {
                    bodyStart = next;
                    break;
                }
                boolean continuation = bytes[line] == ' ' || bytes[line] == '\t';
                if (!continuation && field.length() > 0) {
                    fields.read(field);
                    field.setLength(0);
                }
                field.append(new String(bytes, line, lineEnd - line, StandardCharsets.ISO_8859_1));
                line = next;
            }
            if (field.length() > 0) {
                fields.read(field);
            }
            String mimeType = defaultType;
            String boundary = null;
            if (fields.contentType != null) {
                ContentTypeField parsed = ContentTypeFieldLenientImpl.PARSER.parse(
                        new RawField("Content-Type", fields.contentType), DecodeMonitor.SILENT);
                if (parsed.getMimeType() != null && parsed.getMimeType().contains("/")) {
                    mimeType = parsed.getMimeType().toLowerCase(Locale.ROOT);
                    boundary = parsed.getBoundary();
                }
            }
            return new Entity(start, Math.min(bodyStart, end), end, mimeType, boundary, fields.transferEncoding);
        }

        boolean isType(String type) {
            return mimeType.equals(type);
        }

        boolean isMultipart() {
            return mimeType.startsWith("multipart/") && boundary != null && !boundary.isEmpty();
        }

        /** The parts between this multipart's delimiter lines (RFC 2046 §5.1.1); preamble and epilogue left out. */
        List<Entity> children(byte[] bytes) {
            byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            String childType = isType("multipart/digest") ? "message/rfc822" : "text/plain";
            List<Entity> children = new ArrayList<>();
            int partStart = -1;
            int line = bodyStart;
            while (line < end) {
                int lineEnd = lineEnd(bytes, line, end);
                int next = nextLine(bytes, lineEnd, end);
                int kind = delimiter(bytes, line, lineEnd, dashBoundary);
                if (kind != 0) {
                    if (partStart >= 0) {
                        children.add(parse(bytes, partStart, beforeLineBreak(bytes, line, partStart), childType));
                    }
                    if (kind == 2) {
                        return children;
                    }
                    partStart = next;
                }
                line = next;
            }
            if (partStart >= 0) {
                children.add(parse(bytes, partStart, end, childType));
            }
            return children;
        }

        /** 0: not a delimiter line; 1: a delimiter; 2: the closing delimiter. Transport padding allowed. */
        private static int delimiter(byte[] bytes, int line, int lineEnd, byte[] dashBoundary) {
            if (lineEnd - line < dashBoundary.length
                    || !Arrays.equals(bytes, line, line + dashBoundary.length, dashBoundary, 0, dashBoundary.length)) {
                return 0;
            }
            int i = line + dashBoundary.length;
            int kind = 1;
            if (i + 2 <= lineEnd && bytes[i] == '-' && bytes[i + 1] == '-') {
                kind = 2;
                i += 2;
            }
            for (; i < lineEnd; i++) {
                if (bytes[i] != ' ' && bytes[i] != '\t') {
                    return 0;
                }
            }
            return kind;
        }

        /** Where the line break before {@code line} starts: it belongs to the delimiter that follows. */
        private static int beforeLineBreak(byte[] bytes, int line, int floor) {
            if (line - 2 >= floor && bytes[line - 2] == '\r' && bytes[line - 1] == '\n') {
                return line - 2;
            }
            if (line - 1 >= floor && bytes[line - 1] == '\n') {
                return line - 1;
            }
            return line;
        }

        /**
         * The two header fields an entity is read for, taken from its unfolded fields one at a time; when a field
         * comes twice, the last one counts.
         */
        private static final class HeaderFields {
            private String contentType;
            private String transferEncoding = "";

            void read(CharSequence field) {
                String[] nameValue = nameValue(field);
                if (nameValue != null && nameValue[0].equalsIgnoreCase("Content-Type")) {
                    contentType = nameValue[1];
                } else if (nameValue != null && nameValue[0].equalsIgnoreCase("Content-Transfer-Encoding")) {
                    transferEncoding = encodingName(nameValue[1]);
                }
            }
        }

        private static String[] nameValue(CharSequence field) {
            String text = field.toString();
            int colon = text.indexOf(':');
            return colon <= 0 ? null : new String[] {text.substring(0, colon).strip(), text.substring(colon + 1)};
        }

        private static String encodingName(String value) {
            String withoutComments = value.replaceAll("\\([^)]*\\)", "");
            return withoutComments.strip().toLowerCase(Locale.ROOT);
        }

        /** End of the line's content: at its CR LF, its bare LF, or the end. */
        private static int lineEnd(byte[] bytes, int line, int end) {
            int i = line;
            while (i < end && bytes[i] != '\n') {
                i++;
            }
            return i > line && bytes[i - 1] == '\r' ? i - 1 : i;
        }

        private static int nextLine(byte[] bytes, int lineEnd, int end) {
            int i = lineEnd;
            if (i < end && bytes[i] == '\r') {
                i++;
            }
            if (i < end && bytes[i] == '\n') {
                i++;
            }
            return i;
        }
    }
}
