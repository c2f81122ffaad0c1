package org.facteur.webmail.mime;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;

/**
 * One parameter of a Content-Type or Content-Disposition value ({@code charset}, {@code boundary},
 * {@code name}, {@code filename}): RFC 2231 and quoted forms through Jakarta Mail's parser, and when that
 * refuses the value (an unterminated quote, a stray semicolon), a plain search for {@code name=…}.
 */
public final class Parameters {
    private Parameters() {
    }

    /** The value of parameter {@code name} in {@code headerValue} (the part after the first ';'), or null. */
    public static String get(String headerValue, String name) {
        if (headerValue == null) {
            return null;
        }
        int semicolon = headerValue.indexOf(';');
        if (semicolon < 0) {
            return null;
        }
        String list = headerValue.substring(semicolon);
        try {
            String value = new ParameterList(list).get(name);
            if (value != null) {
                return value;
            }
        } catch (ParseException | RuntimeException e) {
            // not RFC 2045 syntax: look for the parameter by hand below
        }
        Matcher m = Pattern.compile("(?:^|;)\\s*" + Pattern.quote(name.toLowerCase(Locale.ROOT))
                + "\\s*=\\s*(?:\"([^\"]*)\"?|([^;\\s]*))", Pattern.CASE_INSENSITIVE).matcher(list);
        if (m.find()) {
            String v = m.group(1) != null ? m.group(1) : m.group(2);
            return v.isEmpty() ? null : v;
        }
        return null;
    }
}
