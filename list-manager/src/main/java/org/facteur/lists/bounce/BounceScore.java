package org.facteur.lists.bounce;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A member's bounce score, counted as Mailman 3 counts it: each day with at least one hard failure adds one point (a
 * list post that bounces at ten copies in a day is one bad day, not ten); a score whose last bounce is older than
 * {@code staleAfterDays} starts again from zero; at {@code threshold} points the member's delivery is suspended.
 * Failures that do not count ({@link BounceKind#counts()}) change nothing.
 *
 * @param lastBounce the day of the last counted failure, empty when none
 */
public record BounceScore(int points, Optional<LocalDate> lastBounce) {
    public static final BounceScore NONE = new BounceScore(0, Optional.empty());

    /** Mailman's defaults: 5 points, stale after 7 days. */
    public record Policy(int threshold, int staleAfterDays) {
        public static final Policy DEFAULT = new Policy(5, 7);

        public Policy {
            if (threshold < 1 || staleAfterDays < 1) {
                throw new IllegalArgumentException("the bounce threshold and the days before a score goes stale are at least 1");
            }
        }
    }

    public BounceScore after(BounceKind kind, LocalDate today, Policy policy) {
        if (!kind.counts()) {
            return this;
        }
        BounceScore current = isStale(today, policy) ? NONE : this;
        if (current.lastBounce.filter(today::equals).isPresent()) {
            return current;
        }
        return new BounceScore(current.points + 1, Optional.of(today));
    }

    public boolean suspends(Policy policy) {
        return points >= policy.threshold();
    }

    private boolean isStale(LocalDate today, Policy policy) {
        return lastBounce.map(last -> ChronoUnit.DAYS.between(last, today) > policy.staleAfterDays()).orElse(false);
    }
}
