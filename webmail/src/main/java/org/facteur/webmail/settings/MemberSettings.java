package org.facteur.webmail.settings;

/**
 * A member's identity in the webmail: the name shown in From ({@code "Alice Martin" <alice@…>}) and the
 * signature put under new messages and replies (after the standard "-- " line).
 */
public record MemberSettings(String displayName, String signature) {
    public static final int MAX_NAME = 100;
    public static final int MAX_SIGNATURE = 2000;
    public static final MemberSettings NONE = new MemberSettings("", "");

    public MemberSettings {
        displayName = displayName == null ? "" : displayName.replaceAll("[\\p{Cntrl}]", " ").strip();
        signature = signature == null ? "" : signature.replace("\r\n", "\n").strip();
    }

    /** The signature block to put in a new message's body, or an empty string. */
    public String signatureBlock() {
        return signature.isEmpty() ? "" : "\n\n-- \n" + signature;
    }
}
