package org.facteur.mailserver.login;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How many failed logins are allowed, and what follows, for the two things that are counted: a login
 * address tried from one client address ({@code pair}), and one client address whatever it tries
 * ({@code client}). Each failure within a window delays the failure reply a little more; past the free
 * failures the pair or the client is refused (without any password check) for a time that doubles with
 * every further failure, up to a cap. See {@link #DEFAULT} for the numbers and their reasons.
 */
public record LoginPolicy(Level pair, Level client, Duration firstReplyDelay, Duration maxReplyDelay) {

    /**
     * <ul>
     *   <li>Per (address, client IP): 5 failures free in a 24 h window (typos, a client retrying an old
     *   password); then refused for 1 min, 2, 4, … up to 1 h per further failure. A success clears it. A
     *   guesser gets about 30 tries a day per address and IP; the owner elsewhere is not affected.</li>
     *   <li>Per client IP (IPv6: per /64): 20 failures in a 24 h window, counting only the first 5 failures of
     *   each address (so one stale client on a shared office IP cannot lock the office out); then refused
     *   for 15 min, 30, … up to 24 h. Stricter than per address: this is what stops spraying one password
     *   over many addresses, after 4 to 20 addresses.</li>
     *   <li>Failure replies wait 250 ms, 500 ms, 1 s, 2 s, then 4 s (by failures of the pair).</li>
     * </ul>
     */
    public static final LoginPolicy DEFAULT = new LoginPolicy(
            new Level(5, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24)),
            new Level(20, Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(24)),
            Duration.ofMillis(250), Duration.ofSeconds(4));

    public LoginPolicy {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(client, "client");
        if (firstReplyDelay.isNegative() || maxReplyDelay.compareTo(firstReplyDelay) < 0) {
            throw new IllegalArgumentException("reply delays must be 0 <= first <= max");
        }
    }

    /**
     * One counted thing: {@code freeFailures} within {@code window} (a fixed window from the first failure),
     * then locks from {@code firstLock} doubling per failure up to {@code maxLock}.
     */
    public record Level(int freeFailures, Duration firstLock, Duration maxLock, Duration window) {
        public Level {
            if (freeFailures < 1 || firstLock.isNegative() || firstLock.isZero() || maxLock.compareTo(firstLock) < 0
                    || window.compareTo(maxLock) < 0) {
                throw new IllegalArgumentException("need freeFailures >= 1 and 0 < firstLock <= maxLock <= window");
            }
        }

        /** The lock that follows the {@code failures}-th failure, if any. */
        Optional<Duration> lockAfter(long failures) {
            if (failures < freeFailures) {
                return Optional.empty();
            }
            long doublings = Math.min(failures - freeFailures, 30);
            Duration lock = firstLock.multipliedBy(1L << doublings);
            return Optional.of(lock.compareTo(maxLock) > 0 ? maxLock : lock);
        }
    }

    /** How long the reply to the {@code failures}-th failure of a pair waits. */
    Duration replyDelay(long failures) {
        long doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration delay = firstReplyDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxReplyDelay) > 0 ? maxReplyDelay : delay;
    }
}
