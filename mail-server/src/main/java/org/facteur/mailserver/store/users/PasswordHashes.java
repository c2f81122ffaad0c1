package org.facteur.mailserver.store.users;

/**
 * How a password becomes the one self-describing string kept in {@code users.password_hash}, and how a
 * login is checked against it: {@code org.facteur.mailserver.users.PasswordHashing} (Argon2id; it also reads
 * the PBKDF2 hashes of earlier releases and asks for their replacement).
 */
public interface PasswordHashes {

    /** A new hash of the password, in a format that {@link #verify} reads back. */
    String hash(String password);

    /** Whether the password matches the stored hash; an unknown or damaged format never matches. */
    boolean verify(String password, String storedHash);

    /** Whether the stored hash should be replaced by {@link #hash} at the next successful login. */
    boolean needsRehash(String storedHash);

    /**
     * Spends the time of one check and answers no: for a login to an address without a user, so that the
     * answer time does not tell which addresses exist.
     */
    boolean verifyDecoy(String password);
}
