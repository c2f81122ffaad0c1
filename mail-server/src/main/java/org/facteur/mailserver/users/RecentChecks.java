package org.facteur.mailserver.users;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Passwords that matched a stored hash recently, so that the next check of the same password against the same hash
 * costs an HMAC instead of an Argon2id run (Dovecot's auth cache does the same for its password databases). Only
 * successes are kept; what is kept is an HMAC-SHA256 of the password under a key drawn at start and held only in
 * memory, never the password. An entry lasts {@code lifetime}; a changed password has a new stored hash (new salt),
 * so it never meets an old entry. Bounded: emptied when full.
 */
final class RecentChecks {
    private record Entry(byte[] mac, long expiresNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final long lifetimeNanos;
    private final int limit;
    private final LongSupplier nanoTime;

    RecentChecks(Duration lifetime, int limit) {
        this(lifetime, limit, System::nanoTime);
    }

    RecentChecks(Duration lifetime, int limit, LongSupplier nanoTime) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.lifetimeNanos = lifetime.toNanos();
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    /** True when this password matched this stored hash less than the lifetime ago. */
    boolean confirms(String storedHash, String password) {
        Entry entry = entries.get(storedHash);
        if (entry == null) {
            return false;
        }
        if (nanoTime.getAsLong() - entry.expiresNanos() >= 0) {
            entries.remove(storedHash, entry);
            return false;
        }
        return MessageDigest.isEqual(entry.mac(), mac(password));
    }

    /** Remembers that this password matched this stored hash (call only after a full check said so). */
    void remember(String storedHash, String password) {
        if (entries.size() >= limit) {
            entries.clear();
        }
        entries.put(storedHash, new Entry(mac(password), nanoTime.getAsLong() + lifetimeNanos));
    }

    private byte[] mac(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
