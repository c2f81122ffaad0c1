package org.facteur.mailserver.store.users;

/**
 * How a password becomes the one self-describing string kept in {@code users.password_hash}, and how a
 * login is checked against it. This is the seam where Facteur's password hashing plugs in: the class
 * {@code org.facteur.mailserver.users.PasswordHashing} (Argon2id, being written on the branch sec-auth)
 * implements these three methods; until it is merged, {@link JamesPbkdf2Hashes} keeps logins working with
 * the PBKDF2 hashes Facteur has always stored.
 */
public interface PasswordHashes {

    /** A new hash of the password, in a format that {@link #verify} reads back. */
    String hash(String password);

    /** Whether the password matches the stored hash; an unknown or damaged format never matches. */
    boolean verify(String password, String storedHash);

    /** Whether the stored hash should be replaced by {@link #hash} at the next successful login. */
    boolean needsRehash(String storedHash);
}
