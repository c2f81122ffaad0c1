package org.facteur.mailserver.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * What every {@link AttemptCounters} must do, run on each implementation ({@code InMemoryAttemptCountersTest},
 * {@code RedisAttemptCountersTest} against a real redis-server). An implementation gives fresh, empty counters to
 * each test and a way to let time pass: a clock it controls, or real time.
 */
interface AttemptCountersContract {
    /** Empty counters, not seen by any other test. */
    AttemptCounters counters();

    /** Lets {@code duration} (and a little more) pass for these counters. */
    void pass(Duration duration) throws InterruptedException;

    /** A window short enough to wait for in real time, long enough not to end within one test step. */
    default Duration window() {
        return Duration.ofMillis(1500);
    }

    @Test
    default void aCounterStartsAtZeroAndAddsUp() {
        AttemptCounters counters = counters();
        assertThat(counters.get("k")).isZero();
        assertThat(counters.add("k", 1, Duration.ofMinutes(10))).isEqualTo(1);
        assertThat(counters.add("k", 2, Duration.ofMinutes(10))).isEqualTo(3);
        assertThat(counters.get("k")).isEqualTo(3);
        assertThat(counters.get("other")).as("keys are independent").isZero();
    }

    @Test
    default void theWindowIsFixedFromTheFirstAdditionAndLaterAdditionsDoNotExtendIt() throws Exception {
        AttemptCounters counters = counters();
        assertThat(counters.add("k", 1, window())).isEqualTo(1);
        assertThat(counters.add("k", 1, Duration.ofHours(1))).as("a later addition keeps the expiry").isEqualTo(2);
        pass(window());
        assertThat(counters.get("k")).as("expired with its first window").isZero();
        assertThat(counters.add("k", 1, Duration.ofMinutes(10))).as("starts afresh").isEqualTo(1);
    }

    @Test
    default void aCounterLivesUntilItsWindowEnds() throws Exception {
        AttemptCounters counters = counters();
        counters.add("short", 1, window());
        counters.add("long", 1, Duration.ofHours(1));
        pass(window());
        assertThat(counters.get("short")).isZero();
        assertThat(counters.get("long")).isEqualTo(1);
    }

    @Test
    default void goingBackToZeroOrBelowForgetsTheCounter() {
        AttemptCounters counters = counters();
        counters.add("k", 1, Duration.ofMinutes(1));
        assertThat(counters.add("k", -1, Duration.ofMinutes(1))).isZero();
        assertThat(counters.add("k", -1, Duration.ofMinutes(1))).as("never negative").isZero();
        assertThat(counters.get("k")).isZero();
        assertThat(counters.add("k", 1, Duration.ofMinutes(1))).as("counts from zero again").isEqualTo(1);
    }

    @Test
    default void aNewCounterAfterGoingToZeroHasAFreshWindow() throws Exception {
        AttemptCounters counters = counters();
        counters.add("k", 1, window());
        counters.add("k", -1, window());
        counters.add("k", 1, Duration.ofHours(1));
        pass(window());
        assertThat(counters.get("k")).as("the window of the counter made after it was forgotten").isEqualTo(1);
    }

    @Test
    default void deleteForgetsTheCounter() {
        AttemptCounters counters = counters();
        counters.add("k", 3, Duration.ofMinutes(1));
        counters.delete("k");
        assertThat(counters.get("k")).isZero();
        counters.delete("never-there");
        assertThat(counters.add("k", 1, Duration.ofMinutes(1))).isEqualTo(1);
    }

    @Test
    default void keysMayHoldAnyCharacterALoginAddressCarries() {
        AttemptCounters counters = counters();
        String[] keys = {"login:pair:alice@example.org|203.0.113.7", "login:pair:\"a b\"@x|::1", "login:pair:é@ü.example|1",
                "login:pair:*?[x]\\|1", "login:pair:line\r\nbreak|1"};
        for (int i = 0; i < keys.length; i++) {
            counters.add(keys[i], i + 1, Duration.ofMinutes(1));
        }
        for (int i = 0; i < keys.length; i++) {
            assertThat(counters.get(keys[i])).as(keys[i]).isEqualTo(i + 1);
        }
    }

    @Test
    default void concurrentAdditionsAreAtomicAndExactlyOneCreatesTheCounter() throws Exception {
        AttemptCounters counters = counters();
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    int created = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (counters.add("lock", 1, Duration.ofMinutes(1)) == 1) {
                            created++;
                        }
                    }
                    return created;
                });
            }
            int created = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                created += f.get();
            }
            assertThat(created).as("only one addition saw 1: a lock only one attempt can take").isEqualTo(1);
            assertThat(counters.get("lock")).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }
}
