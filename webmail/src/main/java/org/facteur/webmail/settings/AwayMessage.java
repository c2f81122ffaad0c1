package org.facteur.webmail.settings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * The member's away message (vacation auto-reply). The mail server sends it (mail-server's
 * {@code ReplyWhenAway}); the webmail only stores it where the server reads it: the INBOX's IMAP METADATA
 * entry {@value #ENTRY}, as Java properties ({@code enabled}, {@code start}, {@code end}, {@code subject},
 * {@code body}) written in ASCII, because James 3.8.1 refuses 8-bit bytes in a SETMETADATA literal.
 */
public record AwayMessage(boolean enabled, LocalDate start, LocalDate end, String subject, String body) {
    public static final String ENTRY = "/private/vendor/facteur/vacation";
    public static final int MAX_SUBJECT = 200;
    public static final int MAX_BODY = 4000;
    public static final AwayMessage NONE = new AwayMessage(false, null, null, "", "");

    public AwayMessage {
        subject = subject == null ? "" : subject.replaceAll("[\\p{Cntrl}]", " ").strip();
        body = body == null ? "" : body.replace("\r\n", "\n");
    }

    public static AwayMessage parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(value));
            return new AwayMessage(Boolean.parseBoolean(p.getProperty("enabled", "false").strip()), date(p.getProperty("start")),
                    date(p.getProperty("end")), p.getProperty("subject", ""), p.getProperty("body", ""));
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            return NONE;
        }
    }

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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.ISO_8859_1).replaceFirst("^#[^\\n]*\\n", "");
    }

    private static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
    }
}
