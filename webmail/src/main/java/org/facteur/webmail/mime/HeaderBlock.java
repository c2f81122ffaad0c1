package org.facteur.webmail.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message's (or a part's) header block as the sender wrote it, read without a strict parser: lines end
 * with CRLF, LF or a lone CR; continuation lines are unfolded; a line without a colon is skipped; the block
 * ends at the first empty line or where the bytes end (a block cut short by a bounded fetch is fine).
 * Each field's bytes are read as UTF-8 when valid, else Windows-1252, so raw 8-bit headers show their letters.
 */
public final class HeaderBlock {
    /** A header value shown to the member is cut here: no real Subject or name is this long, and "Re: " + it fits a Subject line (998). */
    public static final int MAX_SHOWN_CHARS = 900;
    public static final HeaderBlock EMPTY = new HeaderBlock(List.of());

    private record Field(String name, String value) {
    }

    private final List<Field> fields;

    private HeaderBlock(List<Field> fields) {
        this.fields = fields;
    }

    public static HeaderBlock parse(byte[] bytes) {
        if (bytes == null) {
            return EMPTY;
        }
        List<Field> fields = new ArrayList<>();
        int fieldStart = -1;
        int fieldEnd = -1;
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int lineStart = i;
            while (i < n && bytes[i] != '\r' && bytes[i] != '\n') {
                i++;
            }
            int lineEnd = i;
            if (i < n && bytes[i] == '\r') {
                i++;
            }
            if (i < n && bytes[i] == '\n') {
                i++;
            }
            if (lineEnd == lineStart) {
                break; // the empty line that ends the header
            }
            boolean continuation = bytes[lineStart] == ' ' || bytes[lineStart] == '\t';
            if (continuation && fieldStart >= 0) {
                fieldEnd = lineEnd;
                continue;
            }
            add(fields, bytes, fieldStart, fieldEnd);
            fieldStart = continuation ? -1 : lineStart;
            fieldEnd = lineEnd;
        }
        add(fields, bytes, fieldStart, fieldEnd);
        return new HeaderBlock(List.copyOf(fields));
    }

    private static void add(List<Field> fields, byte[] bytes, int start, int end) {
        if (start < 0) {
            return;
        }
        String line = Charsets.guess(bytes, start, end - start);
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String name = line.substring(0, colon).strip();
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            return;
        }
        String value = line.substring(colon + 1).replaceAll("\\r\\n?|\\n", "").strip();
        fields.add(new Field(name.toLowerCase(Locale.ROOT), value));
    }

    /** The first value of {@code name} as written (unfolded, not decoded), or null. */
    public String raw(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        for (Field f : fields) {
            if (f.name().equals(key)) {
                return f.value();
            }
        }
        return null;
    }

    /** The first value of {@code name} as a person should read it: encoded words decoded, control characters replaced, cut at {@link #MAX_SHOWN_CHARS}. */
    public String text(String name) {
        return shown(raw(name));
    }

    /** {@code raw} decoded and made printable, cut at {@link #MAX_SHOWN_CHARS}; "" for null. */
    public static String shown(String raw) {
        if (raw == null) {
            return "";
        }
        String s = printable(EncodedWords.decode(raw)).strip();
        return s.length() > MAX_SHOWN_CHARS ? s.substring(0, MAX_SHOWN_CHARS) + "…" : s;
    }

    /** Control characters (NUL, CR, LF, escape…) replaced by U+FFFD; tabs become spaces. */
    public static String printable(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(c == '\t' ? ' ' : control ? '\uFFFD' : c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** The Content-Type's {@code name} or Content-Disposition's {@code filename}, as written, or null. */
    public String declaredFileName() {
        String name = Parameters.get(raw("Content-Disposition"), "filename");
        return name != null ? name : Parameters.get(raw("Content-Type"), "name");
    }
}
