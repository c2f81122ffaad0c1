package org.facteur.mailserver.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measures the MIME structure of a raw message (nesting depth, number of parts, size of each header section) in one
 * pass over its bytes, in linear time and constant stack, and stops at the first limit crossed. It runs before
 * anything parses the message deeply (mime4j, javax.mail recurse once per level and overflow their stack on a
 * message nested 10,000 levels deep).
 *
 * <p>Feed it the bytes ({@link #write}, e.g. {@code message.writeTo(scanner)}, or {@link #scan}), then read
 * {@link #verdict()}. Once a limit is crossed, {@code write} throws {@link LimitCrossed} so a writer stops early.
 * Only what the structure needs is read: the Content-Type field of each header section (its boundary), boundary
 * lines, and line counts. Encodings and charsets are not looked at: broken ones are the parser's business, not a
 * danger to it. A multipart left unterminated is accepted (real mail has them) and reported.
 */
public final class MimeStructureScanner extends OutputStream {
    /** The first bytes of each line kept for inspection; the rest is only counted. */
    private static final int KEPT_LINE = 8 * 1024;
    /** The longest Content-Type field considered (unfolded); a longer one is cut, its boundary still read if early. */
    private static final int KEPT_CONTENT_TYPE = 16 * 1024;

    /** A limit of {@link MimeLimits}. */
    public enum Limit {
        DEPTH, PARTS, HEADER_BYTES, HEADER_LINES
    }

    /** Which limit was crossed, with a sentence for the sender. */
    public record Violation(Limit limit, String sentence) {
    }

    /** What the scan found: a violation, or the structure's measures. */
    public record Verdict(Optional<Violation> violation, int maxDepth, int parts, int unterminatedMultiparts) {
        public boolean acceptable() {
            return violation.isEmpty();
        }
    }

    /** Thrown by {@link #write} once a limit is crossed; {@link #verdict()} says which. */
    public static final class LimitCrossed extends IOException {
        private final transient Violation violation;

        LimitCrossed(Violation violation) {
            super(violation.sentence());
            this.violation = violation;
        }

        public Violation violation() {
            return violation;
        }
    }

    /** An open level: a multipart (with its boundary) or an enclosed message/rfc822 (boundary null). */
    private record Frame(String boundary, boolean digest) {
    }

    private final MimeLimits limits;
    private final List<Frame> frames = new ArrayList<>();
    private final byte[] line = new byte[KEPT_LINE];
    private int kept;
    private long lineLength;
    private boolean inHeaders = true;
    private int headerLines;
    private long headerBytes;
    private final StringBuilder field = new StringBuilder();
    private boolean fieldIsContentType;
    private String contentType;
    private int parts = 1;
    private int maxDepth;
    private Violation violation;
    private boolean finished;

    public MimeStructureScanner(MimeLimits limits) {
        this.limits = limits;
    }

    /** Scans the whole stream (or up to the first limit crossed) and returns the verdict. */
    public static Verdict scan(InputStream in, MimeLimits limits) throws IOException {
        MimeStructureScanner scanner = new MimeStructureScanner(limits);
        try {
            in.transferTo(scanner);
        } catch (LimitCrossed crossed) {
            // the verdict says which
        }
        return scanner.verdict();
    }

    public static Verdict scan(byte[] message, MimeLimits limits) {
        MimeStructureScanner scanner = new MimeStructureScanner(limits);
        try {
            scanner.write(message, 0, message.length);
        } catch (LimitCrossed crossed) {
            // the verdict says which
        } catch (IOException e) {
            throw new IllegalStateException("a fresh scanner accepts bytes", e);
        }
        return scanner.verdict();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (violation != null) {
            throw new LimitCrossed(violation);
        }
        if (finished) {
            throw new IOException("the scan is finished");
        }
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c == '\n') {
                endOfLine(true);
                if (violation != null) {
                    throw new LimitCrossed(violation);
                }
            } else {
                if (kept < KEPT_LINE) {
                    line[kept++] = c;
                }
                lineLength++;
            }
        }
    }

    /** The verdict on everything written so far (the last line without a line break is taken as a line). */
    public Verdict verdict() {
        if (!finished && violation == null) {
            finished = true;
            if (lineLength > 0) {
                endOfLine(false);
            }
            if (inHeaders && violation == null) {
                endOfField();
            }
        }
        int unterminated = (int) frames.stream().filter(f -> f.boundary() != null).count();
        return new Verdict(Optional.ofNullable(violation), maxDepth, parts, unterminated);
    }

    @Override
    public void close() {
        verdict();
    }

    private void endOfLine(boolean hadLineFeed) {
        int length = kept;
        if (length > 0 && line[length - 1] == '\r' && lineLength == kept) {
            length--;
        }
        long total = lineLength + (hadLineFeed ? 1 : 0);
        if (!boundaryLine(length)) {
            if (inHeaders) {
                headerLine(length, total);
            }
        }
        kept = 0;
        lineLength = 0;
    }

    /** Handles a delimiter or close delimiter of an open multipart; false when the line is not one. */
    private boolean boundaryLine(int length) {
        if (frames.isEmpty() || length < 3 || line[0] != '-' || line[1] != '-' || lineLength > KEPT_LINE) {
            return false;
        }
        int end = length;
        while (end > 2 && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        String candidate = new String(line, 2, end - 2, StandardCharsets.ISO_8859_1);
        for (int i = frames.size() - 1; i >= 0; i--) {
            String boundary = frames.get(i).boundary();
            if (boundary == null) {
                continue;
            }
            boolean delimiter = candidate.equals(boundary);
            boolean close = !delimiter && candidate.length() == boundary.length() + 2
                    && candidate.startsWith(boundary) && candidate.endsWith("--");
            if (delimiter || close) {
                if (inHeaders) {
                    endOfField();
                }
                while (frames.size() > i + 1) {
                    frames.remove(frames.size() - 1);
                }
                if (close) {
                    frames.remove(i);
                    inHeaders = false;
                } else {
                    newPart();
                }
                return true;
            }
        }
        return false;
    }

    private void newPart() {
        parts++;
        if (parts > limits.maxParts()) {
            violation = new Violation(Limit.PARTS, "the message has more than " + limits.maxParts()
                    + " MIME parts (this server's limit)");
        }
        startHeaders();
    }

    private void startHeaders() {
        inHeaders = true;
        headerLines = 0;
        headerBytes = 0;
        field.setLength(0);
        fieldIsContentType = false;
        contentType = null;
    }

    private void headerLine(int length, long total) {
        headerLines++;
        headerBytes += total;
        if (headerLines > limits.maxHeaderLines()) {
            violation = new Violation(Limit.HEADER_LINES, "a header section of the message has more than "
                    + limits.maxHeaderLines() + " lines (this server's limit)");
            return;
        }
        if (headerBytes > limits.maxHeaderBytes()) {
            violation = new Violation(Limit.HEADER_BYTES, "a header section of the message is larger than "
                    + readable(limits.maxHeaderBytes()) + " (this server's limit)");
            return;
        }
        if (length == 0) {
            endOfField();
            endOfHeaders();
            return;
        }
        boolean continuation = line[0] == ' ' || line[0] == '\t';
        if (!continuation) {
            endOfField();
            fieldIsContentType = length >= 13 && new String(line, 0, 13, StandardCharsets.ISO_8859_1)
                    .equalsIgnoreCase("content-type:");
        }
        if (fieldIsContentType && field.length() < KEPT_CONTENT_TYPE) {
            int from = continuation ? 0 : 13;
            int upTo = Math.min(length, from + KEPT_CONTENT_TYPE - field.length());
            field.append(new String(line, from, Math.max(0, upTo - from), StandardCharsets.ISO_8859_1));
        }
    }

    private void endOfField() {
        if (fieldIsContentType && contentType == null) {
            contentType = field.toString(); // the first one, as mime4j and javax.mail read it
        }
        field.setLength(0);
        fieldIsContentType = false;
    }

    private void endOfHeaders() {
        inHeaders = false;
        String type;
        String boundary = null;
        if (contentType == null) {
            boolean inDigest = !frames.isEmpty() && frames.get(frames.size() - 1).digest();
            type = inDigest ? "message/rfc822" : "text/plain";
        } else {
            int semicolon = contentType.indexOf(';');
            type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
            if (semicolon >= 0) {
                boundary = boundaryParameter(contentType.substring(semicolon + 1));
            }
        }
        if (type.startsWith("multipart/") && boundary != null && !boundary.isEmpty()) {
            open(new Frame(boundary, type.equals("multipart/digest")));
        } else if (type.equals("message/rfc822") || type.equals("message/global")) {
            open(new Frame(null, false));
            if (violation == null) {
                parts++;
                if (parts > limits.maxParts()) {
                    violation = new Violation(Limit.PARTS, "the message has more than " + limits.maxParts()
                            + " MIME parts (this server's limit)");
                    return;
                }
                startHeaders();
            }
        }
    }

    private void open(Frame frame) {
        frames.add(frame);
        maxDepth = Math.max(maxDepth, frames.size());
        if (frames.size() > limits.maxDepth()) {
            violation = new Violation(Limit.DEPTH, "the message nests MIME parts more than " + limits.maxDepth()
                    + " levels deep (this server's limit; real mail rarely goes past 10)");
        }
    }

    /** The boundary parameter of a Content-Type's parameters (quoted or token), or null. */
    static String boundaryParameter(String parameters) {
        int i = 0;
        int n = parameters.length();
        while (i < n) {
            while (i < n && (parameters.charAt(i) == ';' || Character.isWhitespace(parameters.charAt(i)))) {
                i++;
            }
            int nameStart = i;
            while (i < n && parameters.charAt(i) != '=' && parameters.charAt(i) != ';') {
                i++;
            }
            String name = parameters.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
            if (i >= n || parameters.charAt(i) == ';') {
                continue;
            }
            i++;
            while (i < n && Character.isWhitespace(parameters.charAt(i))) {
                i++;
            }
            String value;
            if (i < n && parameters.charAt(i) == '"') {
                StringBuilder v = new StringBuilder();
                i++;
                while (i < n && parameters.charAt(i) != '"') {
                    char c = parameters.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = parameters.charAt(++i);
                    }
                    v.append(c);
                    i++;
                }
                i++;
                value = v.toString();
            } else {
                int valueStart = i;
                while (i < n && parameters.charAt(i) != ';' && !Character.isWhitespace(parameters.charAt(i))) {
                    i++;
                }
                value = parameters.substring(valueStart, i);
            }
            if (name.equals("boundary")) {
                return value;
            }
        }
        return null;
    }

    private static String readable(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
