package org.facteur.lists.bounce;

import java.time.Duration;
import java.util.Objects;

/**
 * How the list manager acts on bounces.
 *
 * @param score when a member's delivery is suspended (points, staleness)
 * @param probeAfter how long after the suspension the member's address is probed
 * @param probeWindow how long a probe may take to bounce: a probe without a counted bounce by then re-enables the member
 */
public record BounceSettings(BounceScore.Policy score, Duration probeAfter, Duration probeWindow) {
    /** Mailman 3's score (5 points, stale after 7 days); a probe 7 days after the suspension, given 3 days to bounce. */
    public static final BounceSettings DEFAULTS = new BounceSettings(BounceScore.Policy.DEFAULT, Duration.ofDays(7), Duration.ofDays(3));

    public BounceSettings {
        Objects.requireNonNull(score, "score");
        if (probeAfter.isNegative() || probeWindow.isNegative()) {
            throw new IllegalArgumentException("the delays before a probe and for its bounce cannot be negative");
        }
    }
}
