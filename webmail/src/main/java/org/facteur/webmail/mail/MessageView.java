package org.facteur.webmail.mail;

import java.time.Instant;
import java.util.List;

/**
 * A message to read. {@code text} is the plain-text body (escaped by the template); {@code html} is the
 * raw HTML body, never sent to the browser as is: it is sanitized and served in a sandboxed frame.
 * {@code messageId}, {@code inReplyTo} and {@code references} are the Message-IDs of those headers (space
 * separated; References trimmed to the thread's root and its last ids) that replies and the conversation
 * view thread on. {@code openPgp} says whether the message is encrypted or signed (PGP/MIME is decrypted by
 * {@link EncryptedMessages} once the member unlocked her key).
 */
public record MessageView(String folder, long uid, String from, List<String> replyTo, List<String> to, List<String> cc,
        String subject, Instant date, String text, String html, List<MessageParts.Attachment> attachments,
        boolean flagged, String messageId, String inReplyTo, String references, Omissions omitted, OpenPgp openPgp) {

    /**
     * What the page does not show of a message that is beyond the webmail's bounds (see {@link MessageParts}):
     * attachments not listed, and whether a body was cut.
     */
    public record Omissions(int attachmentsNotShown, boolean bodyCut) {
        public static final Omissions NONE = new Omissions(0, false);
    }

    /** A message that says nothing of OpenPGP. */
    public MessageView(String folder, long uid, String from, List<String> replyTo, List<String> to, List<String> cc,
            String subject, Instant date, String text, String html, List<MessageParts.Attachment> attachments,
            boolean flagged, String messageId, String inReplyTo, String references, Omissions omitted) {
        this(folder, uid, from, replyTo, to, cc, subject, date, text, html, attachments, flagged, messageId, inReplyTo,
                references, omitted, OpenPgp.NONE);
    }

    /** A message shown whole. */
    public MessageView(String folder, long uid, String from, List<String> replyTo, List<String> to, List<String> cc,
            String subject, Instant date, String text, String html, List<MessageParts.Attachment> attachments,
            boolean flagged, String messageId, String inReplyTo, String references) {
        this(folder, uid, from, replyTo, to, cc, subject, date, text, html, attachments, flagged, messageId, inReplyTo,
                references, Omissions.NONE);
    }

    /** A message without attachments or threading headers (tests, simple views). */
    public MessageView(String folder, long uid, String from, List<String> to, List<String> cc, String subject,
            Instant date, String text, String html) {
        this(folder, uid, from, List.of(), to, cc, subject, date, text, html, List.of(), false, null, null, null);
    }

    /** Attachments the message has in all: those listed and those not shown. */
    public int attachmentCount() {
        return attachments.size() + omitted.attachmentsNotShown();
    }

    public boolean hasHtml() {
        return html != null;
    }

    /** The date in the server's time zone, for display; null when the message has none. */
    public java.time.ZonedDateTime localDate() {
        return date == null ? null : date.atZone(java.time.ZoneId.systemDefault());
    }
}
