package org.facteur.mailserver.admin;

import java.util.Locale;

/**
 * Minimum password strength for mailbox accounts: at least 10 characters, at least two kinds of
 * characters (letters, digits, others), and not the address itself.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;

    private PasswordPolicy() {
    }

    public static void check(String address, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw AdminException.invalid("Password too weak: use at least " + MIN_LENGTH + " characters.");
        }
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        boolean other = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        int kinds = (letter ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        if (kinds < 2) {
            throw AdminException.invalid("Password too weak: mix letters with digits or symbols.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String local = address.toLowerCase(Locale.ROOT).split("@", 2)[0];
        if (lower.contains(address.toLowerCase(Locale.ROOT)) || (local.length() >= 4 && lower.contains(local))) {
            throw AdminException.invalid("Password too weak: it must not contain the address.");
        }
    }
}
