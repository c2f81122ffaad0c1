package org.facteur.mailserver.inbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Authentication-Results} header field (RFC 8601) this server writes, and the removal of those that arrive
 * claiming its authserv-id (§5: a receiver must not trust results it did not write; the ones that name other servers
 * are kept, they are information about the way the message came).
 */
public final class AuthenticationResults {
    static final String NAME = "Authentication-Results";

    private AuthenticationResults() {
    }

    /** One field, folded one result per line, ending with CRLF. {@code results} are {@code method=result props} texts. */
    public static String field(String authservId, List<String> results) {
        StringBuilder f = new StringBuilder(NAME).append(": ").append(authservId);
        if (results.isEmpty()) {
            return f.append("; none\r\n").toString();
        }
        for (String r : results) {
            f.append(";\r\n\t").append(r);
        }
        return f.append("\r\n").toString();
    }

    /** A property value ({@code smtp.mailfrom=...}): a token as is, anything else as a quoted string. */
    static String value(String v) {
        if (v.matches("[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~.@]+")) {
            return v;
        }
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]", "") + "\"";
    }

    /** A comment's text, without the characters that would end it early. */
    static String comment(String text) {
        return "(" + text.replaceAll("[()\\\\\\r\\n]", "") + ")";
    }

    /**
     * The message with {@code field} on top and without the {@code Authentication-Results} fields that carry
     * {@code authservId}; every other byte is kept as it came.
     */
    public static byte[] rewrite(byte[] message, String field, String authservId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + field.length());
        out.writeBytes(field.getBytes(StandardCharsets.US_ASCII));
        int i = 0;
        int keptFrom = 0;
        List<int[]> forged = new ArrayList<>();
        while (i < message.length) {
            int end = fieldEnd(message, i);
            if (end == i || lineIsEmpty(message, i)) {
                break; // the blank line: the body follows
            }
            String text = new String(message, i, end - i, StandardCharsets.ISO_8859_1);
            int colon = text.indexOf(':');
            if (colon > 0 && text.substring(0, colon).strip().equalsIgnoreCase(NAME)
                    && authservId(text.substring(colon + 1)).equalsIgnoreCase(authservId)) {
                forged.add(new int[] {i, end});
            }
            i = end;
        }
        for (int[] f : forged) {
            out.write(message, keptFrom, f[0] - keptFrom);
            keptFrom = f[1];
        }
        out.write(message, keptFrom, message.length - keptFrom);
        return out.toByteArray();
    }

    /** The authserv-id of a field's value: its first word, comments and spaces around it left out. */
    static String authservId(String value) {
        String v = value.replaceAll("\\([^()]*\\)", " ").strip();
        int stop = 0;
        while (stop < v.length() && v.charAt(stop) != ';' && !Character.isWhitespace(v.charAt(stop))) {
            stop++;
        }
        return v.substring(0, stop).toLowerCase(Locale.ROOT);
    }

    private static boolean lineIsEmpty(byte[] m, int i) {
        return m[i] == '\n' || (m[i] == '\r' && i + 1 < m.length && m[i + 1] == '\n');
    }

    /** Where the header field starting at {@code i} ends: after its last line's end, continuation lines included. */
    private static int fieldEnd(byte[] m, int i) {
        int j = i;
        while (true) {
            while (j < m.length && m[j] != '\n') {
                j++;
            }
            if (j >= m.length) {
                return m.length;
            }
            j++;
            if (j >= m.length || (m[j] != ' ' && m[j] != '\t')) {
                return j;
            }
        }
    }
}
