package org.facteur.webmail.lists;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many subscription requests the public lists page takes from one client address: {@link #PER_WINDOW} in
 * {@link #WINDOW}. The list manager also bounds the confirmation requests one mailbox receives; this bounds what one
 * client can make the server do, whatever addresses it types. At most {@link #CLIENTS} addresses are remembered (the
 * least recently seen are forgotten first), so the table cannot grow without bound.
 */
final class PublicRequestAllowance {
    static final int PER_WINDOW = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final int CLIENTS = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > CLIENTS;
        }
    };

    PublicRequestAllowance(Clock clock) {
        this.clock = clock;
    }

    /** True, and counted, when this client may make one more request now. */
    synchronized boolean take(String client) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(client, c -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
        if (times.size() >= PER_WINDOW) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
