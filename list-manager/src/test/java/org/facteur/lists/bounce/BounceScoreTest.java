package org.facteur.lists.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class BounceScoreTest {
    static final BounceScore.Policy POLICY = BounceScore.Policy.DEFAULT;
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);

    @Test
    void fiveDaysWithHardFailuresSuspend() {
        BounceScore score = BounceScore.NONE;
        for (int day = 0; day < 4; day++) {
            score = score.after(BounceKind.HARD, MONDAY.plusDays(day), POLICY);
            assertThat(score.suspends(POLICY)).as("day " + day).isFalse();
        }
        score = score.after(BounceKind.HARD, MONDAY.plusDays(4), POLICY);
        assertThat(score.points()).isEqualTo(5);
        assertThat(score.suspends(POLICY)).isTrue();
    }

    @Test
    void severalFailuresTheSameDayAreOnePoint() {
        BounceScore score = BounceScore.NONE.after(BounceKind.HARD, MONDAY, POLICY).after(BounceKind.HARD, MONDAY, POLICY)
                .after(BounceKind.HARD, MONDAY, POLICY);
        assertThat(score.points()).isEqualTo(1);
        assertThat(score.lastBounce()).contains(MONDAY);
    }

    @Test
    void transientPolicyAndOtherPermanentFailuresDoNotCount() {
        BounceScore score = BounceScore.NONE;
        for (BounceKind kind : new BounceKind[] {BounceKind.TRANSIENT, BounceKind.POLICY, BounceKind.OTHER_PERMANENT}) {
            for (int day = 0; day < 10; day++) {
                score = score.after(kind, MONDAY.plusDays(day), POLICY);
            }
        }
        assertThat(score).isEqualTo(BounceScore.NONE);
    }

    @Test
    void aScoreOlderThanAWeekStartsAgain() {
        BounceScore score = BounceScore.NONE.after(BounceKind.HARD, MONDAY, POLICY).after(BounceKind.HARD, MONDAY.plusDays(1), POLICY)
                .after(BounceKind.HARD, MONDAY.plusDays(2), POLICY);
        assertThat(score.after(BounceKind.HARD, MONDAY.plusDays(9), POLICY).points()).as("7 days after the last: still counts").isEqualTo(4);
        assertThat(score.after(BounceKind.HARD, MONDAY.plusDays(10), POLICY).points()).as("8 days after: stale").isEqualTo(1);
    }

    @Test
    void aPolicyNeedsPositiveNumbers() {
        assertThatThrownBy(() -> new BounceScore.Policy(0, 7)).isInstanceOf(IllegalArgumentException.class);
    }
}
