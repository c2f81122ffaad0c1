package org.facteur.mailserver.imap.binary;

/**
 * A part's Content-Transfer-Encoding is none this server can remove: RFC 3516's {@code NO [UNKNOWN-CTE]}. The
 * encoding comes from the message, that is from whoever sent it, and the refusal echoes it on an IMAP status line:
 * so {@link #refusal} keeps only what RFC 2045 allows in a token, and not much of it, that a CR, LF, NUL or 8-bit
 * byte in a hostile header can never reach the client as part of the protocol.
 */
public final class UnknownTransferEncoding extends Exception {
    private static final long serialVersionUID = 1L;
    /** The most characters of the encoding's name the refusal repeats: names in use are far shorter. */
    static final int MAX_ECHOED_CHARACTERS = 40;
    /** RFC 2045 §5.1's tspecials: not in a token, with space and the controls. */
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    UnknownTransferEncoding(String encoding) {
        super(encoding);
    }

    /** The encoding as the part names it, lower case, exactly as the message has it. */
    public String encoding() {
        return getMessage();
    }

    /** The sentence of the {@code NO [UNKNOWN-CTE]} answer for the message with this sequence number. */
    public String refusal(int messageNumber) {
        String token = echoableEncoding();
        String encoding = token.isEmpty() ? "a transfer encoding" : "the transfer encoding '" + token + "'";
        return "Message " + messageNumber + " has a part in " + encoding + ", which this server cannot decode; "
                + "fetch it with BODY instead";
    }

    /** The encoding's RFC 2045 token characters (printable US-ASCII but space and tspecials), at most 40 of them. */
    String echoableEncoding() {
        StringBuilder token = new StringBuilder(MAX_ECHOED_CHARACTERS);
        String encoding = encoding();
        for (int i = 0; i < encoding.length() && token.length() < MAX_ECHOED_CHARACTERS; i++) {
            char c = encoding.charAt(i);
            if (c > ' ' && c < 0x7f && TSPECIALS.indexOf(c) < 0) {
                token.append(c);
            }
        }
        return token.toString();
    }
}
