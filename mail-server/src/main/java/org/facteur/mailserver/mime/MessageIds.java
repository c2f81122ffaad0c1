package org.facteur.mailserver.mime;

import java.security.SecureRandom;
import java.util.Base64;

/** New Message-IDs made by this server: {@code <time.random@domain>}, 128 random bits making them unique without state. */
public final class MessageIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {
    }

    public static String create(String domain) {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return "<" + Long.toString(System.currentTimeMillis(), 36) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bits) + "@" + domain + ">";
    }
}
