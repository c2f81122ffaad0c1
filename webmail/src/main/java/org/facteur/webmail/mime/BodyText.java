package org.facteur.webmail.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

/**
 * The text of a text part, at most a given number of characters, whatever its headers claim: an unknown
 * transfer encoding is read as is, an unknown or empty charset as UTF-8 (else Windows-1252). Reading stops
 * at the bound, so a 20 MB text part costs what its first characters cost.
 */
public final class BodyText {
    /** The text, and whether it was cut at the bound. */
    public record Read(String text, boolean cut) {
    }

    private BodyText() {
    }

    public static Read read(Part part, int maxChars) throws MessagingException, IOException {
        Charset charset = Charsets.lookup(Parameters.get(part.getContentType(), "charset"));
        byte[] bytes;
        boolean more;
        try (InputStream in = decoded(part)) {
            bytes = in.readNBytes(maxChars);
            more = in.read() >= 0;
        } catch (IOException brokenEncoding) {
            // base64 or quoted-printable that does not decode: show it as it is stored
            try (InputStream in = raw(part)) {
                bytes = in.readNBytes(maxChars);
                more = in.read() >= 0;
            }
        }
        String text = charset != null ? Charsets.decode(bytes, charset) : Charsets.guess(bytes, 0, bytes.length);
        if (text.length() > maxChars) {
            text = text.substring(0, maxChars);
            more = true;
        }
        return new Read(text, more);
    }

    /** Text from bytes with no declared charset (a raw body shown as a fallback). */
    public static Read read(byte[] bytes, int maxChars) {
        String text = Charsets.guess(bytes, 0, Math.min(bytes.length, maxChars));
        return new Read(text, bytes.length > maxChars);
    }

    /** The part's content with its transfer encoding undone, or as stored when the encoding is unknown. */
    private static InputStream decoded(Part part) throws MessagingException, IOException {
        try {
            return part.getInputStream();
        } catch (MessagingException | IOException unknownEncoding) {
            return raw(part);
        }
    }

    private static InputStream raw(Part part) throws MessagingException, IOException {
        if (part instanceof MimeBodyPart p) {
            return p.getRawInputStream();
        }
        if (part instanceof MimeMessage m) {
            return m.getRawInputStream();
        }
        return part.getInputStream();
    }

}
