package org.facteur.webmail.contacts;

import java.time.Instant;
import java.util.Locale;

/**
 * One correspondent of a member: the name she wrote them with (may be empty), their address, how many
 * messages she sent them and when she last did. Nothing else is ever kept about them. Control characters
 * become spaces and over-long values are cut, so a stored line is always one line.
 */
public record Contact(String name, String address, int uses, Instant lastUsed) {
    public static final int MAX_NAME = 100;
    public static final int MAX_ADDRESS = 254;

    public Contact {
        name = clean(name, MAX_NAME);
        address = clean(address, MAX_ADDRESS);
        uses = Math.max(1, uses);
        lastUsed = lastUsed == null ? Instant.EPOCH : lastUsed;
    }

    /**
     * The contact as written in a To or Cc field: {@code Name <address>}, the name quoted when it holds a character
     * that separates addresses or names their parts (RFC 5322 specials), or the address alone.
     */
    public String recipient() {
        if (name.isEmpty()) {
            return address;
        }
        boolean plain = name.chars().noneMatch(ch -> "()<>[]:;@\\,.\"".indexOf(ch) >= 0);
        String phrase = plain ? name : '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        return phrase + " <" + address + ">";
    }

    /** The address as compared: the same correspondent whatever the case the member typed it in. */
    public String key() {
        return key(address);
    }

    static String key(String address) {
        return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    }

    private static String clean(String value, int max) {
        String s = value == null ? "" : value.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", " ").strip();
        return s.length() <= max ? s : s.substring(0, max).strip();
    }
}
