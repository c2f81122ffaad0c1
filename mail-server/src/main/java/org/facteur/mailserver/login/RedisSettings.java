package org.facteur.mailserver.login;

import java.util.Objects;

/**
 * Login counters shared in Redis: where ({@code FACTEUR_REDIS_URI}) and under which key prefix
 * ({@code FACTEUR_REDIS_KEY_PREFIX}, {@code facteur:} by default, so keys read {@code facteur:login:…}; give each
 * installation sharing one Redis its own). Prints no password.
 */
public record RedisSettings(RedisUri uri, String keyPrefix) {
    public static final String DEFAULT_KEY_PREFIX = "facteur:";

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? DEFAULT_KEY_PREFIX : keyPrefix.strip();
        if (keyPrefix.length() > 100 || keyPrefix.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException(
                    "FACTEUR_REDIS_KEY_PREFIX must be at most 100 characters without spaces or control characters, such as facteur:");
        }
    }

    public RedisSettings(RedisUri uri) {
        this(uri, DEFAULT_KEY_PREFIX);
    }
}
