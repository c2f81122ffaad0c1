package org.facteur.mailserver.login;

import java.time.Duration;

/**
 * Counters with an expiry, shared by every login entry point (SMTP AUTH, IMAP LOGIN/AUTHENTICATE, and the
 * webmail through IMAP). {@link InMemoryAttemptCounters} serves one process; {@link RedisAttemptCounters}
 * (behind {@link LocalFallbackAttemptCounters}) serves several nodes. Both pass {@code AttemptCountersContract}.
 */
public interface AttemptCounters extends AutoCloseable {

    /**
     * Atomically adds {@code delta} to the counter and returns its new value. A counter that does not exist
     * (or has expired) starts from 0 and expires {@code ttl} after this call; an existing counter keeps its
     * expiry (a fixed window from its first increment, never extended). Values at or below 0 read as 0.
     */
    long add(String key, long delta, Duration ttl);

    /** The counter's value: 0 when it does not exist or has expired. */
    long get(String key);

    void delete(String key);

    /** Releases connections, if any (the in-memory counters have none). */
    @Override
    default void close() {
    }
}
