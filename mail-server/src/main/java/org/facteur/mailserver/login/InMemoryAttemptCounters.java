package org.facteur.mailserver.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link AttemptCounters} in this process's memory. Bounded: past {@link #MAX_KEYS} counters, expired ones
 * are dropped, then those closest to expiry, so a flood of distinct clients cannot exhaust the heap (it can
 * at worst make the server forget the oldest counters early).
 */
public final class InMemoryAttemptCounters implements AttemptCounters {
    static final int MAX_KEYS = 200_000;

    private record Counter(long value, Instant expires) {
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxKeys;

    public InMemoryAttemptCounters() {
        this(Clock.systemUTC(), MAX_KEYS);
    }

    InMemoryAttemptCounters(Clock clock, int maxKeys) {
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    @Override
    public long add(String key, long delta, Duration ttl) {
        if (counters.size() >= maxKeys) {
            evict();
        }
        Instant now = clock.instant();
        Counter updated = counters.compute(key, (k, old) -> old == null || !old.expires().isAfter(now)
                ? new Counter(delta, now.plus(ttl))
                : new Counter(old.value() + delta, old.expires()));
        if (updated.value() <= 0) {
            counters.remove(key, updated);
            return 0;
        }
        return updated.value();
    }

    @Override
    public long get(String key) {
        Counter counter = counters.get(key);
        if (counter == null || !counter.expires().isAfter(clock.instant())) {
            return 0;
        }
        return Math.max(0, counter.value());
    }

    @Override
    public void delete(String key) {
        counters.remove(key);
    }

    int size() {
        return counters.size();
    }

    private synchronized void evict() {
        Instant now = clock.instant();
        counters.values().removeIf(c -> !c.expires().isAfter(now));
        int excess = counters.size() - maxKeys * 3 / 4;
        if (excess > 0) {
            counters.entrySet().stream()
                    .sorted(Comparator.comparing(e -> e.getValue().expires()))
                    .limit(excess)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(counters::remove);
        }
    }
}
