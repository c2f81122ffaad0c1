package org.facteur.mailserver.vacation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who got an away message from whom, and when: a sender gets at most one per member per {@code period}
 * (RFC 5230's {@code :days}, 7 by default). Kept in memory, bounded: after a restart a sender may get one
 * more reply, never a flood.
 */
final class RecentReplies {
    static final int MAX_ENTRIES = 100_000;

    private final Map<String, Instant> sent = new ConcurrentHashMap<>();
    private final Duration period;
    private final Clock clock;

    RecentReplies(Duration period, Clock clock) {
        this.period = period;
        this.clock = clock;
    }

    /** True, and remembered, when {@code member} has not answered {@code sender} within the period. */
    boolean claim(String member, String sender) {
        Instant now = clock.instant();
        String key = member.toLowerCase(Locale.ROOT) + "\u0000" + sender.toLowerCase(Locale.ROOT);
        if (sent.size() >= MAX_ENTRIES) {
            forgetBefore(now.minus(period));
        }
        boolean[] claimed = {false};
        sent.compute(key, (k, last) -> {
            if (last == null || !last.isAfter(now.minus(period))) {
                claimed[0] = true;
                return now;
            }
            return last;
        });
        return claimed[0];
    }

    private void forgetBefore(Instant limit) {
        for (Iterator<Instant> it = sent.values().iterator(); it.hasNext(); ) {
            if (it.next().isBefore(limit)) {
                it.remove();
            }
        }
    }
}
