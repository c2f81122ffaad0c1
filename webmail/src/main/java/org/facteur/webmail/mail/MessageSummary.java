package org.facteur.webmail.mail;

import java.time.Instant;

/** One line of the message list. */
public record MessageSummary(long uid, String from, String subject, Instant date, boolean seen, boolean flagged) {

    public MessageSummary(long uid, String from, String subject, Instant date, boolean seen) {
        this(uid, from, subject, date, seen, false);
    }

    /** The date in the server's time zone, for display; null when the message has none. */
    public java.time.ZonedDateTime localDate() {
        return date == null ? null : date.atZone(java.time.ZoneId.systemDefault());
    }
}
