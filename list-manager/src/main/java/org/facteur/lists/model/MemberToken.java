package org.facteur.lists.model;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The secret of one membership (one address on one list): 26 random base32 characters, 130 bits from
 * {@link SecureRandom}, stored with the membership. It names the member in the one-click unsubscribe link
 * ({@code https://.../lists/u/<token>}) and in the member's envelope sender ({@code team-owner+<token>@}), so that
 * neither carries the address, and nobody can make one for an address without reading it from the store.
 */
public final class MemberToken {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Pattern SHAPE = Pattern.compile("[a-z2-7]{26}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private MemberToken() {
    }

    public static String random() {
        char[] token = new char[26];
        for (int i = 0; i < token.length; i++) {
            token[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(token);
    }

    /** Whether a value read from a URL or an address could be a token at all (checked before any store lookup). */
    public static boolean isWellFormed(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }
}
