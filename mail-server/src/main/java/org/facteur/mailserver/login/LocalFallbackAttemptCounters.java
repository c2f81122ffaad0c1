package org.facteur.mailserver.login;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared counters (Redis) that fall back to this process's memory while the shared store does not answer, so
 * that an attacker who can make Redis unreachable does not switch password guessing limits off: each node then
 * counts alone, as a single node does, until Redis answers again.
 *
 * <p>After a failure, the shared store is left alone for {@link #RETRY_AFTER} (one call then tries it again),
 * so an unreachable Redis costs at most one command timeout per that period, not one per call. The change
 * each way is logged once (a warning when Redis stops answering, a line when it answers again), with the
 * address of Redis but never its password. While both have a value, {@link #get} reads the larger one:
 * a lock taken in memory during an outage still holds after Redis is back.
 */
public final class LocalFallbackAttemptCounters implements AttemptCounters {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFallbackAttemptCounters.class);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final AttemptCounters shared;
    private final AttemptCounters local;
    private final String sharedName;
    private final Duration retryAfter;
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile long retryAt;

    public LocalFallbackAttemptCounters(AttemptCounters shared, String sharedName, AttemptCounters local) {
        this(shared, sharedName, local, RETRY_AFTER);
    }

    LocalFallbackAttemptCounters(AttemptCounters shared, String sharedName, AttemptCounters local, Duration retryAfter) {
        this.shared = shared;
        this.sharedName = sharedName;
        this.local = local;
        this.retryAfter = retryAfter;
    }

    /** Login counters in Redis (keys {@code <prefix>login:…}), in memory while it does not answer. */
    public static LocalFallbackAttemptCounters redis(RedisSettings settings) {
        RedisUri uri = settings.uri();
        RedisAttemptCounters redis = RedisAttemptCounters.open(uri, settings.keyPrefix());
        LocalFallbackAttemptCounters counters = new LocalFallbackAttemptCounters(redis, "Redis at " + uri, new InMemoryAttemptCounters());
        if (redis.connected()) {
            LOG.info("Login counters are shared in Redis at {}", uri);
        } else {
            counters.failed(new CountersUnavailableException(redis.startFailure()));
        }
        return counters;
    }

    /** Whether the last call to the shared store failed (and calls go to memory for now). */
    public boolean usingLocal() {
        return down.get();
    }

    @Override
    public long add(String key, long delta, Duration ttl) {
        return shared(() -> shared.add(key, delta, ttl), () -> local.add(key, delta, ttl));
    }

    @Override
    public long get(String key) {
        long inMemory = local.get(key);
        return Math.max(inMemory, shared(() -> shared.get(key), () -> inMemory));
    }

    @Override
    public void delete(String key) {
        local.delete(key);
        shared(() -> {
            shared.delete(key);
            return 0L;
        }, () -> 0L);
    }

    @Override
    public void close() {
        shared.close();
        local.close();
    }

    private long shared(Supplier<Long> call, Supplier<Long> fallback) {
        if (down.get() && System.nanoTime() - retryAt < 0) {
            return fallback.get();
        }
        try {
            long value = call.get();
            if (down.compareAndSet(true, false)) {
                LOG.info("{} answers again: login counters are shared again", sharedName);
            }
            return value;
        } catch (RuntimeException e) {
            failed(e);
            return fallback.get();
        }
    }

    private void failed(RuntimeException e) {
        retryAt = System.nanoTime() + retryAfter.toNanos();
        if (down.compareAndSet(false, true)) {
            LOG.warn("{}; login counters are kept in this node's memory until it answers again (tried again every {} s)",
                    e.getMessage(), retryAfter.toSeconds());
        }
    }
}
