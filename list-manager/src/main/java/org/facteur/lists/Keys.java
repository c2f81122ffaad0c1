package org.facteur.lists;

import java.security.SecureRandom;

/** Unguessable keys for confirmations and moderation: 25 base32 characters, 125 bits. */
final class Keys {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    static String next() {
        char[] key = new char[25];
        for (int i = 0; i < key.length; i++) {
            key[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(key);
    }
}
