package org.facteur.webmail.settings;

/**
 * A member's settings in the webmail: the name shown in From ({@code "Alice Martin" <alice@…>}), the signature
 * put under new messages and replies (after the standard "-- " line), and whether the message list is grouped
 * by conversation (off unless she turns it on).
 */
public record MemberSettings(String displayName, String signature, boolean groupConversations) {
    public static final int MAX_NAME = 100;
    public static final int MAX_SIGNATURE = 2000;
    public static final MemberSettings NONE = new MemberSettings("", "", false);

    public MemberSettings {
        displayName = displayName == null ? "" : displayName.replaceAll("[\\p{Cntrl}]", " ").strip();
        // NUL is the one character PostgreSQL's text refuses; it has no place in a signature
        signature = signature == null ? "" : signature.replace("\r\n", "\n").replace("\0", "").strip();
    }

    /** An identity with the message list as it is by default (one line per message). */
    public MemberSettings(String displayName, String signature) {
        this(displayName, signature, false);
    }

    public MemberSettings withGroupConversations(boolean group) {
        return new MemberSettings(displayName, signature, group);
    }

    /** The signature block to put in a new message's body, or an empty string. */
    public String signatureBlock() {
        return signature.isEmpty() ? "" : "\n\n-- \n" + signature;
    }
}
