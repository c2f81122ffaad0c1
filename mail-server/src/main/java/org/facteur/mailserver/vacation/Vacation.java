package org.facteur.mailserver.vacation;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * A member's away message, as the webmail (or any IMAP client) stores it: the value of the INBOX's IMAP
 * METADATA entry {@value #ENTRY}, in Java properties syntax with the keys {@code enabled}, {@code start}
 * and {@code end} (ISO dates, both optional, inclusive), {@code subject} and {@code body}. Written in
 * ASCII (backslash-u escapes, as {@link Properties#store(java.io.OutputStream, String)} does): James
 * 3.8.1 answers "BAD ... IO failure" to a SETMETADATA literal with 8-bit bytes.
 */
public record Vacation(boolean enabled, LocalDate start, LocalDate end, String subject, String body) {
    public static final String ENTRY = "/private/vendor/facteur/vacation";

    /** Parses the entry; empty when it is absent or not readable (no reply is then sent). */
    public static Optional<Vacation> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(value));
            return Optional.of(new Vacation(Boolean.parseBoolean(p.getProperty("enabled", "false").strip()),
                    date(p.getProperty("start")), date(p.getProperty("end")),
                    p.getProperty("subject", "").strip(), p.getProperty("body", "")));
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The entry's value, in ASCII. */
    public String format() {
        Properties p = new Properties();
        p.setProperty("enabled", Boolean.toString(enabled));
        if (start != null) {
            p.setProperty("start", start.toString());
        }
        if (end != null) {
            p.setProperty("end", end.toString());
        }
        p.setProperty("subject", subject);
        p.setProperty("body", body);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1).replaceFirst("^#[^\n]*\n", "");
    }

    private static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
    }

    /** On, with a text, and {@code today} within [start, end]. */
    public boolean activeOn(LocalDate today) {
        return enabled && !body.isBlank() && (start == null || !today.isBefore(start)) && (end == null || !today.isAfter(end));
    }
}
