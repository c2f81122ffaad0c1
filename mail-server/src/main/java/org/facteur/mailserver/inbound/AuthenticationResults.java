package org.facteur.mailserver.inbound;

import java.util.List;
import java.util.Locale;

import org.facteur.mailserver.mime.HeaderRewrite;

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
        return HeaderRewrite.rewrite(message, field, f -> HeaderRewrite.named(f, NAME)
                && authservId(f.substring(f.indexOf(':') + 1)).equalsIgnoreCase(authservId));
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
}
