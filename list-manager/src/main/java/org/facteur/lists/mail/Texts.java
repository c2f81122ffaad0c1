package org.facteur.lists.mail;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What the list robot says, in the list's language. Add a language by adding a
 * {@code org/facteur/lists/texts_xx.properties} file; English is the fallback. Every text is a MessageFormat
 * pattern, so an apostrophe is written twice.
 */
public final class Texts {
    private static final String BUNDLE = "org.facteur.lists.texts";

    private final Locale locale;
    private final ResourceBundle bundle;

    public Texts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() {
        return locale;
    }

    /**
     * A moment written for people, in this language and the server's time zone, to the minute:
     * "8 December 2026 at 13:06 (CET)". The pattern is the text {@code date.format}, a
     * {@link DateTimeFormatter} pattern (not a MessageFormat one).
     */
    public String date(Instant instant, ZoneId zone) {
        ZoneId shown = zone.equals(ZoneOffset.UTC) ? ZoneId.of("UTC") : zone;
        return DateTimeFormatter.ofPattern(bundle.getString("date.format"), locale).withZone(shown).format(instant);
    }

    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return new MessageFormat(pattern, locale).format(args);
    }
}
