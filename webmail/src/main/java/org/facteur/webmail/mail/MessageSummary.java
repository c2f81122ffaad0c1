package org.facteur.webmail.mail;

import java.time.Instant;

/** One line of the message list. */
public record MessageSummary(long uid, String from, String subject, Instant date, boolean seen) {

    /** The date in the server's time zone, for display; null when the message has none. */
    public java.time.ZonedDateTime localDate() {
        return date == null ? null : date.atZone(java.time.ZoneId.systemDefault());
    }
}
