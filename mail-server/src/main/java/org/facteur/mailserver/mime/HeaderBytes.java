package org.facteur.mailserver.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a header line that javax.mail or mime4j read one char per byte (ISO-8859-1): each char below 256 is
 * written as that byte, which gives back exactly the bytes received, raw UTF-8 (RFC 6532) included. A char above
 * 255 can only come from code that set a header to raw Unicode; it is written as UTF-8.
 */
public final class HeaderBytes {
    private HeaderBytes() {
    }

    public static byte[] of(String line) {
        if (line.chars().allMatch(c -> c < 256)) {
            return line.getBytes(StandardCharsets.ISO_8859_1);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(line.length() + 16);
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            if (cp < 256) {
                bytes.write(cp);
            } else {
                bytes.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
            }
            i += Character.charCount(cp);
        }
        return bytes.toByteArray();
    }
}
