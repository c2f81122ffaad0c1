package org.facteur.webmail.mail;

import java.time.Instant;
import java.util.List;

/**
 * A message to read. {@code text} is the plain-text body (escaped by the template); {@code html} is the
 * raw HTML body, never sent to the browser as is: it is sanitized and served in a sandboxed frame.
 */
public record MessageView(String folder, long uid, String from, List<String> to, List<String> cc, String subject,
        Instant date, String text, String html) {

    public boolean hasHtml() {
        return html != null;
    }

    /** The date in the server's time zone, for display; null when the message has none. */
    public java.time.ZonedDateTime localDate() {
        return date == null ? null : date.atZone(java.time.ZoneId.systemDefault());
    }
}
