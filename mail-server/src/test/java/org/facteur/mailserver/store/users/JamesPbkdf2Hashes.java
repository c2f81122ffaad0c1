package org.facteur.mailserver.store.users;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The password hash Facteur has stored since its first release, James 3.8.1's {@code PBKDF2-SHA512}
 * (HMAC-SHA512, 1,000 iterations, 64 bytes), written as a self-describing string:
 * {@code $pbkdf2-sha512$i=1000,l=64$<salt>$<hash>} (standard base64 without padding). A hash converted from
 * James's table keeps James's salt (the user name); new hashes get a random 16-byte salt.
 * <p>
 * Test only: a fast {@link PasswordHashes} for James's contract suites (hundreds of hashes), in the format
 * Facteur's {@code PasswordHashing} reads and replaces with Argon2id at the next login.
 */
public final class JamesPbkdf2Hashes implements PasswordHashes {
    private static final int ITERATIONS = 1000;
    private static final int LENGTH = 64;
    private static final String CURRENT = "$pbkdf2-sha512$i=" + ITERATIONS + ",l=" + LENGTH + "$";
    private static final Pattern FORMAT = Pattern.compile(
            "\\$pbkdf2-sha512\\$i=(\\d{1,7}),l=(\\d{1,3})\\$([A-Za-z0-9+/]{1,200})\\$([A-Za-z0-9+/]{22,200})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    @Override
    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return CURRENT + B64.encodeToString(salt) + "$" + B64.encodeToString(pbkdf2(password, salt, ITERATIONS, LENGTH));
    }

    @Override
    public boolean verify(String password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        Matcher m = FORMAT.matcher(storedHash);
        if (!m.matches()) {
            return false;
        }
        int iterations = Integer.parseInt(m.group(1));
        int length = Integer.parseInt(m.group(2));
        byte[] expected = Base64.getDecoder().decode(m.group(4));
        if (iterations < 1 || length < 16 || expected.length != length) {
            return false;
        }
        return MessageDigest.isEqual(expected, pbkdf2(password, Base64.getDecoder().decode(m.group(3)), iterations, length));
    }

    @Override
    public boolean verifyDecoy(String password) {
        verify(password, hash("decoy"));
        return false;
    }

    @Override
    public boolean needsRehash(String storedHash) {
        return storedHash == null || !storedHash.startsWith(CURRENT);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations, int length) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
