package org.facteur.lists.mail;

import java.text.MessageFormat;
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

    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return new MessageFormat(pattern, locale).format(args);
    }
}
