package org.facteur.mailserver.login;

import java.util.Locale;
import java.util.Objects;

import io.lettuce.core.RedisURI;

/**
 * Where the shared login counters live: {@code FACTEUR_REDIS_URI}, such as {@code redis://127.0.0.1:6379/0},
 * {@code redis://:password@redis.internal:6379/2} or {@code rediss://…} for TLS. It may hold a password, so it is
 * never printed as given: {@link #toString()} shows the scheme, host, port and database only.
 */
public final class RedisUri {
    private final String value;
    private final RedisURI parsed;

    private RedisUri(String value, RedisURI parsed) {
        this.value = value;
        this.parsed = parsed;
    }

    /** @throws IllegalArgumentException with a sentence (that does not repeat the value, which may hold a password) */
    public static RedisUri parse(String value) {
        Objects.requireNonNull(value, "value");
        String text = value.strip();
        String scheme = text.contains("://") ? text.substring(0, text.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException(
                    "FACTEUR_REDIS_URI must start with redis:// or rediss://, as in redis://127.0.0.1:6379/0");
        }
        RedisURI parsed;
        try {
            parsed = RedisURI.create(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "FACTEUR_REDIS_URI is not a Redis address such as redis://127.0.0.1:6379/0 or redis://:password@host:6379/0");
        }
        if (parsed.getHost() == null || parsed.getHost().isBlank()) {
            throw new IllegalArgumentException("FACTEUR_REDIS_URI names no host, as in redis://127.0.0.1:6379/0");
        }
        return new RedisUri(text, parsed);
    }

    /** A fresh Lettuce URI (Lettuce's are mutable). */
    RedisURI toLettuce() {
        return RedisURI.create(value);
    }

    /** The password, or an empty string: only to take it out of messages that might quote it. */
    String password() {
        char[] password = parsed.getPassword();
        return password == null ? "" : new String(password);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RedisUri uri && uri.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** {@code redis://host:port/db}: never the user name or password. */
    @Override
    public String toString() {
        String host = parsed.getHost().contains(":") ? "[" + parsed.getHost() + "]" : parsed.getHost();
        return (parsed.isSsl() ? "rediss" : "redis") + "://" + host + ":" + parsed.getPort() + "/" + parsed.getDatabase();
    }
}
