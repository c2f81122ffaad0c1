package org.facteur.mailserver.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.facteur.lists.testing.MutableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new InMemoryAttemptCounters(clock, 1000), LoginPolicy.DEFAULT);

    static InetAddress ip(String literal) {
        return ClientKeys.parseLiteral(literal).orElseThrow();
    }

    private void fail(String address, String client, int times) {
        for (int i = 0; i < times; i++) {
            LoginThrottle.Attempt attempt = throttle.begin(address, ip(client));
            assertThat(attempt.refused()).as("attempt %d", i + 1).isFalse();
            attempt.failed();
        }
    }

    private boolean refused(String address, String client) {
        LoginThrottle.Attempt attempt = throttle.begin(address, ip(client));
        if (!attempt.refused()) {
            attempt.abandoned();
        }
        return attempt.refused();
    }

    @Test
    void fiveFailuresLockTheAddressForThatClientOnly() {
        fail("alice@example.org", "203.0.113.7", 5);
        assertThat(refused("alice@example.org", "203.0.113.7")).isTrue();
        assertThat(refused("ALICE@example.org ", "203.0.113.7")).as("same address, other spelling").isTrue();
        assertThat(refused("alice@example.org", "198.51.100.9")).as("the owner elsewhere").isFalse();
        assertThat(refused("bob@example.org", "203.0.113.7")).as("the client for other addresses").isFalse();
    }

    @Test
    void theLockDoublesWithEachFailureAfterItAndRefusalsDoNotExtendIt() {
        fail("alice@example.org", "203.0.113.7", 5);
        clock.advance(Duration.ofSeconds(59));
        assertThat(refused("alice@example.org", "203.0.113.7")).isTrue();
        clock.advance(Duration.ofSeconds(2));
        fail("alice@example.org", "203.0.113.7", 1);
        clock.advance(Duration.ofSeconds(119));
        assertThat(refused("alice@example.org", "203.0.113.7")).as("locked 2 min after the 6th failure").isTrue();
        clock.advance(Duration.ofSeconds(2));
        fail("alice@example.org", "203.0.113.7", 1);
        clock.advance(Duration.ofMinutes(3));
        assertThat(refused("alice@example.org", "203.0.113.7")).as("locked 4 min after the 7th").isTrue();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(refused("alice@example.org", "203.0.113.7")).isFalse();
    }

    @Test
    void theLockIsCappedAtOneHourAndForgottenWithItsWindow() {
        for (int i = 0; i < 12; i++) {
            fail("alice@example.org", "203.0.113.7", 1);
            clock.advance(Duration.ofHours(1).plusSeconds(1));
        }
        assertThat(refused("alice@example.org", "203.0.113.7")).as("an hour after the 12th failure").isFalse();
        clock.advance(Duration.ofHours(24));
        fail("alice@example.org", "203.0.113.7", 4);
        assertThat(refused("alice@example.org", "203.0.113.7")).as("a new window: 5 free failures again").isFalse();
    }

    @Test
    void aSuccessClearsThePairButNotTheClientsOtherFailures() {
        fail("alice@example.org", "203.0.113.7", 4);
        throttle.begin("alice@example.org", ip("203.0.113.7")).succeeded();
        fail("alice@example.org", "203.0.113.7", 4);
        assertThat(refused("alice@example.org", "203.0.113.7")).isFalse();
    }

    @Test
    void sprayingManyAddressesLocksTheClientForFifteenMinutes() {
        for (int i = 0; i < 20; i++) {
            fail("member" + i + "@example.org", "203.0.113.7", 1);
        }
        assertThat(refused("never-tried@example.org", "203.0.113.7")).isTrue();
        assertThat(refused("never-tried@example.org", "198.51.100.9")).isFalse();
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        fail("member20@example.org", "203.0.113.7", 1);
        clock.advance(Duration.ofMinutes(29));
        assertThat(refused("never-tried@example.org", "203.0.113.7")).as("30 min after the 21st").isTrue();
    }

    @Test
    void oneStaleClientOnAnOfficeAddressCannotLockTheOfficeOut() {
        // A phone retrying an old password all day: its own pair backs off, the office IP stays open.
        for (int hour = 0; hour < 20; hour++) {
            LoginThrottle.Attempt attempt = throttle.begin("alice@example.org", ip("192.0.2.10"));
            if (!attempt.refused()) {
                attempt.failed();
            }
            clock.advance(Duration.ofMinutes(61));
        }
        assertThat(refused("bob@example.org", "192.0.2.10")).isFalse();
    }

    @Test
    void parallelAttemptsGetNoMoreChecksThanSequentialOnes() {
        LoginThrottle throttle = new LoginThrottle(new InMemoryAttemptCounters(clock, 1000), LoginPolicy.DEFAULT, Duration.ZERO);
        List<LoginThrottle.Attempt> inFlight = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            LoginThrottle.Attempt attempt = throttle.begin("alice@example.org", ip("203.0.113.7"));
            if (!attempt.refused()) {
                inFlight.add(attempt);
            }
        }
        assertThat(inFlight).as("5 free checks pending; the others wait for their verdicts, here not at all").hasSize(5);
        inFlight.forEach(LoginThrottle.Attempt::failed);
        LoginThrottle.Attempt next = throttle.begin("alice@example.org", ip("203.0.113.7"));
        assertThat(next.refused()).as("after 5 failures").isTrue();
    }

    @Test
    void anAbandonedAttemptCountsForNothing() {
        for (int i = 0; i < 30; i++) {
            throttle.begin("alice@example.org", ip("203.0.113.7")).abandoned();
        }
        fail("alice@example.org", "203.0.113.7", 4);
        assertThat(refused("alice@example.org", "203.0.113.7")).isFalse();
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        for (int i = 0; i < 20; i++) {
            fail("member" + i + "@example.org", "2001:db8:1:2::" + Integer.toHexString(i + 1), 1);
        }
        assertThat(refused("other@example.org", "2001:db8:1:2:ffff::1")).isTrue();
        assertThat(refused("other@example.org", "2001:db8:1:3::1")).isFalse();
    }

    @Test
    void failureRepliesWaitLongerWithEachFailureUpToFourSeconds() {
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            delays.add(throttle.begin("alice@example.org", ip("203.0.113.7")).failed());
        }
        assertThat(delays).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(LoginPolicy.DEFAULT.replyDelay(9)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void hugeAddressesAreCountedByDigestAndLoggedHarmlessly() {
        String huge = "x".repeat(5000) + "@example.org";
        fail(huge, "203.0.113.7", 5);
        assertThat(refused(huge.toUpperCase(), "203.0.113.7")).isTrue();
        assertThat(LoginThrottle.printable("eve@example.org\r\nINFO forged line")).isEqualTo("eve@example.org??INFO forged line");
        assertThat(LoginThrottle.printable(huge)).hasSize(101);
    }

    @Test
    void aRefusedAttemptHasNoOutcome() {
        fail("alice@example.org", "203.0.113.7", 5);
        LoginThrottle.Attempt refused = throttle.begin("alice@example.org", ip("203.0.113.7"));
        assertThat(refused.refused()).isTrue();
        assertThatThrownBy(refused::failed).isInstanceOf(IllegalStateException.class);
    }

    /** Runs {@code clients} attempts of one pair at once, each holding its check for 30 ms; counts the refused ones. */
    private int atOnce(int clients, boolean rightPassword) throws Exception {
        LoginThrottle real = new LoginThrottle(new InMemoryAttemptCounters(), LoginPolicy.DEFAULT);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(clients);
        java.util.concurrent.atomic.AtomicInteger refusedCount = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger checking = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostChecking = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    LoginThrottle.Attempt attempt = real.begin("alice@example.org", ip("203.0.113.7"));
                    if (attempt.refused()) {
                        refusedCount.incrementAndGet();
                        return;
                    }
                    mostChecking.accumulateAndGet(checking.incrementAndGet(), Math::max);
                    Thread.sleep(30);
                    checking.decrementAndGet();
                    if (rightPassword) {
                        attempt.succeeded();
                    } else {
                        attempt.failed();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        lastMostChecking = mostChecking.get();
        return refusedCount.get();
    }

    private int lastMostChecking;

    @Test
    void twentyConnectionsOfTheOwnerLoggingInAtOnceAreAllLetIn() throws Exception {
        // A mail client opening its connection pool, or twenty devices behind one office address: each waits
        // for the verdicts already pending instead of being taken for a guesser.
        assertThat(atOnce(20, true)).as("refused").isZero();
    }

    @Test
    void parallelGuessesGetNoMoreChecksThanSequentialOnes() throws Exception {
        int refusedGuesses = atOnce(20, false);
        assertThat(20 - refusedGuesses).as("passwords checked").isLessThanOrEqualTo(6);
        assertThat(lastMostChecking).as("checks pending at once").isLessThanOrEqualTo(5);
    }
}
