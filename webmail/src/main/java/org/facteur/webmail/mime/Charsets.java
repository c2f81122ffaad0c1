package org.facteur.webmail.mime;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Charsets named by a sender: looked up without throwing, bytes decoded without throwing. */
public final class Charsets {
    private static final Charset WINDOWS_1252 = lookupOr("windows-1252", StandardCharsets.ISO_8859_1);

    private Charsets() {
    }

    /** The charset called {@code name} (Java's and MIME's names), or null when Java has none by that name. */
    public static Charset lookup(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1).strip();
        }
        if (n.isEmpty() || n.length() > 40) {
            return null;
        }
        try {
            return Charset.forName(n.toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code bytes} in {@code charset}, malformed sequences replaced by U+FFFD. */
    public static String decode(byte[] bytes, Charset charset) {
        return new String(bytes, charset);
    }

    /**
     * Bytes whose charset nobody declared (raw 8-bit headers, a body without charset): UTF-8 when they are
     * valid UTF-8, else Windows-1252 (what such senders almost always meant).
     */
    public static String guess(byte[] bytes, int offset, int length) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = utf8.decode(ByteBuffer.wrap(bytes, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, offset, length, WINDOWS_1252);
        }
    }

    private static Charset lookupOr(String name, Charset fallback) {
        Charset c = lookup(name);
        return c == null ? fallback : c;
    }
}
