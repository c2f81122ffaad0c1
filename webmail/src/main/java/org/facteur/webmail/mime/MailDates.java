package org.facteur.webmail.mime;

import java.time.Instant;
import java.util.Date;

import jakarta.mail.internet.MailDateFormat;

/** A Date header read leniently: null when it is not a date, or not one between 1970 and 9999. */
public final class MailDates {
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private MailDates() {
    }

    public static Instant parse(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 200) {
            return null;
        }
        try {
            Date d = new MailDateFormat().parse(raw.strip());
            Instant i = d == null ? null : d.toInstant();
            return i == null || i.isBefore(EARLIEST) || i.isAfter(LATEST) ? null : i;
        } catch (Exception e) {
            return null;
        }
    }
}
