package org.facteur.webmail.mail;

import java.util.Locale;
import java.util.regex.Pattern;

import org.facteur.webmail.mime.Parameters;

/**
 * What a message says of OpenPGP, for the notice above its body: PGP/MIME and inline PGP are decrypted once the
 * member unlocked her key ({@link EncryptedMessages}); PGP/MIME signatures are checked ({@link SignedMessages}), inline
 * clear-signed text is only said to be signed.
 */
public enum OpenPgp {
    NONE,
    /** PGP/MIME (RFC 3156): {@code multipart/encrypted; protocol="application/pgp-encrypted"}, as encryption at rest stores it. */
    ENCRYPTED,
    /** A text body holding an armored {@code -----BEGIN PGP MESSAGE-----} block. */
    ENCRYPTED_INLINE,
    /** {@code multipart/signed; protocol="application/pgp-signature"}, or an inline clear-signed text. */
    SIGNED;

    private static final Pattern INLINE_MESSAGE = Pattern.compile("(?m)^-----BEGIN PGP MESSAGE-----[ \\t]*\\r?$");
    private static final Pattern INLINE_SIGNED = Pattern.compile("(?m)^-----BEGIN PGP SIGNED MESSAGE-----[ \\t]*\\r?$");

    /** The message's kind from what its structure says (PGP/MIME parts anywhere in the walk) and its text body. */
    static OpenPgp of(boolean mimeEncrypted, boolean mimeSigned, String text) {
        if (mimeEncrypted) {
            return ENCRYPTED;
        }
        if (text != null && INLINE_MESSAGE.matcher(text).find()) {
            return ENCRYPTED_INLINE;
        }
        return mimeSigned || text != null && INLINE_SIGNED.matcher(text).find() ? SIGNED : NONE;
    }

    /**
     * Whether a Content-Type value is the multipart of PGP/MIME {@code subtype} ({@code encrypted} or
     * {@code signed}) with that subtype's OpenPGP protocol; S/MIME's {@code multipart/signed} is not.
     */
    static boolean isPgpMime(String contentType, String subtype) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String base = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        String protocol = Parameters.get(contentType, "protocol");
        String expected = subtype.equals("encrypted") ? "application/pgp-encrypted" : "application/pgp-signature";
        return base.equals("multipart/" + subtype) && protocol != null && protocol.strip().equalsIgnoreCase(expected);
    }

    public boolean encrypted() {
        return this == ENCRYPTED || this == ENCRYPTED_INLINE;
    }
}
