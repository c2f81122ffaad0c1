package org.facteur.lists.bounce;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.facteur.lists.model.ReceptionMode;

/**
 * What the list store keeps about one member's bounces.
 *
 * @param score the points and the day of the last counted failure
 * @param diagnostic what the receiving server said at the last counted failure, on one line (empty when none)
 * @param suspension present while the member's delivery is suspended for bounces
 */
public record MemberBounces(BounceScore score, String diagnostic, Optional<Suspension> suspension) {
    public static final MemberBounces NONE = new MemberBounces(BounceScore.NONE, "", Optional.empty());

    public MemberBounces {
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(suspension, "suspension");
    }

    public boolean suspended() {
        return suspension.isPresent();
    }

    /**
     * A suspension: the member receives nothing ({@code NOMAIL}) until a probe gets through or the member sends
     * {@code SET list MAIL}.
     *
     * @param resumeTo the reception mode the member had, given back on resumption
     * @param since when the score reached the threshold
     * @param probedAt when the probe left; empty until then
     */
    public record Suspension(ReceptionMode resumeTo, Instant since, Optional<Instant> probedAt) {
        public Suspension {
            Objects.requireNonNull(resumeTo, "resumeTo");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(probedAt, "probedAt");
        }
    }
}
