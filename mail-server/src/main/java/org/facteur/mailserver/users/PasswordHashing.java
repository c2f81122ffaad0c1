package org.facteur.mailserver.users;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.facteur.mailserver.store.users.PasswordHashes;

/**
 * Facteur's password hashes, stored as self-describing PHC strings so that a stored hash says how to check
 * it and whether it is current (plain Java and Bouncy Castle: any user store can use this class).
 * <ul>
 *   <li>Current: Argon2id with OWASP's first recommended cost, 19 MiB of memory, 2 passes, 1 lane, a random
 *   16-byte salt and a 32-byte hash: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}.</li>
 *   <li>Legacy, checked but replaced at the next successful login: what James 3.8.1 wrote for Facteur
 *   until issue 16, PBKDF2-HMAC-SHA512 with 1,000 iterations and the user name as salt, written here as
 *   {@code $pbkdf2-sha512$i=1000,l=64$<salt>$<hash>} (see {@link #fromJames}).</li>
 * </ul>
 * Salts and hashes are base64 without padding. At most a few hashes run at once (each takes 19 MiB):
 * more logins wait rather than exhaust the heap. A right password is remembered for 10 minutes against the stored
 * hash it matched ({@link RecentChecks}, as Dovecot's auth cache): a client that reconnects pays one check, not one
 * per connection; a wrong password always pays the whole check, and a new password (a new stored hash) starts afresh.
 */
public final class PasswordHashing implements PasswordHashes {
    public static final PasswordHashing ARGON2ID = new PasswordHashing(19 * 1024, 2, 1,
            Math.max(2, Runtime.getRuntime().availableProcessors()));

    private static final Pattern ARGON2 = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{22,86})");
    private static final Pattern PBKDF2 = Pattern.compile(
            "\\$pbkdf2-sha512\\$i=(\\d{1,8}),l=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]{22,172})");
    private static final Pattern JAMES_PBKDF2 = Pattern.compile("PBKDF2-SHA512(?:-(\\d{1,8})(?:-(\\d{1,5}))?)?(?:/(plain|salted))?");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int memoryKiB;
    private final int passes;
    private final int lanes;
    private final String prefix;
    private final Semaphore running;
    private final SecureRandom random = new SecureRandom();
    private volatile String decoy;
    private final RecentChecks recent = new RecentChecks(Duration.ofMinutes(10), 10_000);

    PasswordHashing(int memoryKiB, int passes, int lanes, int concurrentHashes) {
        this.memoryKiB = memoryKiB;
        this.passes = passes;
        this.lanes = lanes;
        this.prefix = "$argon2id$v=19$m=" + memoryKiB + ",t=" + passes + ",p=" + lanes + "$";
        this.running = new Semaphore(concurrentHashes, true);
    }

    /** A new hash of the password, with a fresh salt. */
    @Override
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return prefix + B64.encodeToString(salt) + "$" + B64.encodeToString(argon2(password, salt, memoryKiB, passes, lanes, HASH_BYTES));
    }

    /** Whether the password matches the stored hash (any format above; anything else never matches). */
    @Override
    public boolean verify(String password, String stored) {
        if (password == null || stored == null) {
            return false;
        }
        if (recent.confirms(stored, password)) {
            return true;
        }
        boolean matches;
        try {
            matches = matches(password, stored);
        } catch (IllegalArgumentException e) {
            return false; // not base64
        }
        if (matches) {
            recent.remember(stored, password);
        }
        return matches;
    }

    private boolean matches(String password, String stored) {
        Matcher argon2 = ARGON2.matcher(stored);
        if (argon2.matches()) {
            int m = Integer.parseInt(argon2.group(1));
            int t = Integer.parseInt(argon2.group(2));
            int p = Integer.parseInt(argon2.group(3));
            if (m < 8 * p || m > 1024 * 1024 || t < 1 || p < 1) {
                return false;
            }
            byte[] expected = decode(argon2.group(5));
            return MessageDigest.isEqual(expected, argon2(password, decode(argon2.group(4)), m, t, p, expected.length));
        }
        Matcher pbkdf2 = PBKDF2.matcher(stored);
        if (pbkdf2.matches()) {
            byte[] expected = decode(pbkdf2.group(4));
            int length = Integer.parseInt(pbkdf2.group(2));
            return expected.length == length && Integer.parseInt(pbkdf2.group(1)) > 0
                    && MessageDigest.isEqual(expected, pbkdf2(password, decode(pbkdf2.group(3)), Integer.parseInt(pbkdf2.group(1)), length));
        }
        return false;
    }

    /** True for anything but an Argon2id hash with this instance's cost: replace it at the next successful login. */
    @Override
    public boolean needsRehash(String stored) {
        return stored == null || !stored.startsWith(prefix);
    }

    /**
     * Spends the time of one check and says no: for an address without a user, so that the answer time does
     * not tell which addresses exist.
     */
    @Override
    public boolean verifyDecoy(String password) {
        String hash = decoy;
        if (hash == null) {
            hash = hash("decoy " + random.nextLong());
            decoy = hash;
        }
        verify(password == null ? "" : password, hash);
        return false;
    }

    /**
     * A row of James 3.8.1's user table as this class's format: {@code algorithm} is its
     * PASSWORD_HASH_ALGORITHM column ({@code PBKDF2-SHA512[-iterations[-keybits]]}, as set in Facteur's
     * usersrepository.xml), the salt was the user name (ISO-8859-1 bytes), the digest MIME base64.
     *
     * @throws IllegalArgumentException for any other algorithm (Facteur never configured another)
     */
    public static String fromJames(String algorithm, String userName, String digest) {
        Matcher james = JAMES_PBKDF2.matcher(algorithm == null ? "" : algorithm.strip());
        if (!james.matches()) {
            throw new IllegalArgumentException("unsupported James password algorithm: " + algorithm);
        }
        int iterations = james.group(1) == null ? 1000 : Integer.parseInt(james.group(1));
        byte[] hash = Base64.getMimeDecoder().decode(digest);
        return "$pbkdf2-sha512$i=" + iterations + ",l=" + hash.length + "$"
                + B64.encodeToString(userName.getBytes(StandardCharsets.ISO_8859_1)) + "$" + B64.encodeToString(hash);
    }

    private byte[] argon2(String password, byte[] salt, int m, int t, int p, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).build());
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        running.acquireUninterruptibly();
        try {
            generator.generateBytes(secret, out);
        } finally {
            running.release();
            Arrays.fill(secret, (byte) 0);
        }
        return out;
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

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }
}
