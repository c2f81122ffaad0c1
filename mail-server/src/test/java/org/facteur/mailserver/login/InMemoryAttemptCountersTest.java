package org.facteur.mailserver.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.facteur.lists.testing.MutableClock;
import org.junit.jupiter.api.Test;

class InMemoryAttemptCountersTest implements AttemptCountersContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final InMemoryAttemptCounters counters = new InMemoryAttemptCounters(clock, 100);

    @Override
    public AttemptCounters counters() {
        return counters;
    }

    @Override
    public void pass(Duration duration) {
        clock.advance(duration);
    }

    @Test
    void goingBackToZeroRemovesTheCounterFromMemory() {
        counters.add("k", 1, Duration.ofMinutes(1));
        counters.add("k", -1, Duration.ofMinutes(1));
        assertThat(counters.size()).isZero();
    }

    @Test
    void staysBoundedUnderAFloodOfKeys() {
        for (int i = 0; i < 10_000; i++) {
            counters.add("client-" + i, 1, Duration.ofMinutes(1 + i % 60));
        }
        assertThat(counters.size()).isLessThanOrEqualTo(100);
        assertThat(counters.get("client-9999")).as("the newest are kept").isEqualTo(1);
    }
}
