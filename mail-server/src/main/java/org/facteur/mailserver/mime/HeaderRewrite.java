package org.facteur.mailserver.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Changes a raw message's header without parsing it into javax.mail (which would re-encode fields, and give a new
 * Message-ID on save): new fields go on top, chosen fields are cut out, every other byte stays as it came, so
 * DKIM signatures over the kept fields and the body still verify.
 */
public final class HeaderRewrite {
    private HeaderRewrite() {
    }

    /**
     * The message with {@code onTop} (whole fields, each ending with CRLF) first and without the fields {@code remove}
     * accepts; it is given each field's unfolded-as-received text, {@code Name: value} with its line ends.
     */
    public static byte[] rewrite(byte[] message, String onTop, Predicate<String> remove) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + onTop.length());
        out.writeBytes(onTop.getBytes(StandardCharsets.US_ASCII));
        int i = 0;
        int keptFrom = 0;
        List<int[]> removed = new ArrayList<>();
        while (i < message.length) {
            int end = fieldEnd(message, i);
            if (end == i || lineIsEmpty(message, i)) {
                break; // the blank line: the body follows
            }
            if (remove.test(new String(message, i, end - i, StandardCharsets.ISO_8859_1))) {
                removed.add(new int[] {i, end});
            }
            i = end;
        }
        for (int[] r : removed) {
            out.write(message, keptFrom, r[0] - keptFrom);
            keptFrom = r[1];
        }
        out.write(message, keptFrom, message.length - keptFrom);
        return out.toByteArray();
    }

    /** Whether a field's text ({@code Name: value}) has this name, in any case. */
    public static boolean named(String field, String name) {
        int colon = field.indexOf(':');
        return colon > 0 && field.substring(0, colon).strip().equalsIgnoreCase(name);
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
