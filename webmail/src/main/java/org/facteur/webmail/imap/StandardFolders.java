package org.facteur.webmail.imap;

/**
 * The folders every Facteur mailbox is created with (RFC 6154 special-use names, as the server makes
 * them), which the webmail files messages into.
 */
public final class StandardFolders {
    public static final String INBOX = "INBOX";
    public static final String SENT = "Sent";
    public static final String DRAFTS = "Drafts";
    public static final String TRASH = "Trash";

    private StandardFolders() {
    }
}
