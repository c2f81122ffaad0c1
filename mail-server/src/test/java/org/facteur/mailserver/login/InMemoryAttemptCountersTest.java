package org.facteur.mailserver.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.facteur.lists.testing.MutableClock;
import org.junit.jupiter.api.Test;

class InMemoryAttemptCountersTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final InMemoryAttemptCounters counters = new InMemoryAttemptCounters(clock, 100);

    @Test
    void countsWithinAFixedWindowFromTheFirstAddition() {
        assertThat(counters.add("k", 1, Duration.ofMinutes(10))).isEqualTo(1);
        clock.advance(Duration.ofMinutes(9));
        assertThat(counters.add("k", 1, Duration.ofMinutes(10))).as("a later addition keeps the expiry").isEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(counters.get("k")).isZero();
        assertThat(counters.add("k", 1, Duration.ofMinutes(10))).isEqualTo(1);
    }

    @Test
    void onlyTheFirstAdditionCreatesAKeySoItWorksAsALock() {
        assertThat(counters.add("lock", 1, Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(counters.add("lock", 1, Duration.ofHours(1))).isEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(counters.get("lock")).as("the second addition did not extend it").isZero();
    }

    @Test
    void goingBackToZeroRemovesTheCounter() {
        counters.add("k", 1, Duration.ofMinutes(1));
        assertThat(counters.add("k", -1, Duration.ofMinutes(1))).isZero();
        assertThat(counters.add("k", -1, Duration.ofMinutes(1))).isZero();
        assertThat(counters.size()).isZero();
        counters.add("k", 3, Duration.ofMinutes(1));
        counters.delete("k");
        assertThat(counters.get("k")).isZero();
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
