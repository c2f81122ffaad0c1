package org.facteur.mailserver.mime;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.apache.james.mime4j.field.DateTimeFieldLenientImpl;

/** Reads a {@code Date} header value (RFC 5322, leniently, comments ignored), keeping the zone it was written in. */
public final class HeaderDates {
    /** mime4j's lenient RFC 5322 date format without its override to GMT. */
    private static final DateTimeFormatter WRITTEN_ZONE = DateTimeFieldLenientImpl.RFC_5322.withZone(null);

    private HeaderDates() {
    }

    /** The date, or empty when the value does not parse; a date written without a zone is read as GMT. */
    public static Optional<ZonedDateTime> parse(String value) {
        String v = value.replaceAll("\\([^)]*\\)", " ").trim().replaceAll("\\s+", " ");
        try {
            return Optional.of(ZonedDateTime.parse(v, WRITTEN_ZONE));
        } catch (RuntimeException e) {
            try {
                return Optional.of(ZonedDateTime.parse(v, DateTimeFieldLenientImpl.RFC_5322));
            } catch (RuntimeException e2) {
                return Optional.empty();
            }
        }
    }
}
