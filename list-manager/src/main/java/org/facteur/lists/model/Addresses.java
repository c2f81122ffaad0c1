package org.facteur.lists.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** Mail addresses as lists compare them: trimmed and lower-cased, with a plausible shape and no control character. */
public final class Addresses {
    private static final Pattern SHAPE = Pattern.compile("[^@\\s<>(),;:\"\\[\\]\\p{Cntrl}\\x{80}-\\x{9f}\\x{2028}\\x{2029}]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");

    private Addresses() {
    }

    public static String normalize(String address) {
        String value = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + HeaderText.oneLine(address) + "' is not a mail address.");
        }
        return value;
    }

    public static boolean isValid(String address) {
        return address != null && SHAPE.matcher(address.trim()).matches();
    }

    public static String localPart(String address) {
        return address.substring(0, address.lastIndexOf('@'));
    }

    public static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
