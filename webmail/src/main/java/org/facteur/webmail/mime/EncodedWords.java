package org.facteur.webmail.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) decoded leniently: a word with an unknown charset,
 * bad base64 or a bad escape stays as written; an unterminated one is plain text. Jakarta Mail's
 * {@code MimeUtility.decodeText} throws for the whole value on one unknown charset.
 */
public final class EncodedWords {
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]{1,75})\\?([BbQq])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("[ \\t\\r\\n]+");

    private EncodedWords() {
    }

    /** {@code value} with its encoded words decoded, and the blanks between two adjacent ones dropped. */
    public static String decode(String value) {
        if (value == null || !value.contains("=?")) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        Matcher m = WORD.matcher(value);
        int last = 0;
        boolean previousDecoded = false;
        while (m.find()) {
            String gap = value.substring(last, m.start());
            String decoded = word(m.group(1), m.group(2), m.group(3));
            if (!(previousDecoded && decoded != null && BETWEEN_WORDS.matcher(gap).matches())) {
                out.append(gap);
            }
            out.append(decoded != null ? decoded : m.group());
            previousDecoded = decoded != null;
            last = m.end();
        }
        return out.append(value, last, value.length()).toString();
    }

    /** The decoded word, or null when it cannot be decoded (the caller keeps it as written). */
    private static String word(String charsetName, String encoding, String text) {
        Charset charset = Charsets.lookup(charsetName.replaceFirst("\\*.*$", ""));
        if (charset == null) {
            return null;
        }
        byte[] bytes = encoding.equalsIgnoreCase("B") ? base64(text) : quotedPrintable(text);
        return bytes == null ? null : Charsets.decode(bytes, charset);
    }

    private static byte[] base64(String text) {
        try {
            int missing = (4 - text.length() % 4) % 4;
            return Base64.getDecoder().decode(missing == 3 ? text : text + "==".substring(0, missing));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c < 128) {
                out.write(c);
            } else {
                return null;
            }
        }
        return out.toByteArray();
    }
}
