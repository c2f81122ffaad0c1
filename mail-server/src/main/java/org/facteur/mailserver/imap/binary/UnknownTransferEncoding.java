package org.facteur.mailserver.imap.binary;

/** A part's Content-Transfer-Encoding is none this server can remove: RFC 3516's {@code NO [UNKNOWN-CTE]}. */
public final class UnknownTransferEncoding extends Exception {
    private static final long serialVersionUID = 1L;

    UnknownTransferEncoding(String encoding) {
        super(encoding);
    }

    /** The encoding as the part names it, lower case. */
    public String encoding() {
        return getMessage();
    }
}
