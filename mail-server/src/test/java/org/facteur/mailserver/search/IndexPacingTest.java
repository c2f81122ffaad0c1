package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IndexPacingTest {
    private final IndexPacing pacing = new IndexPacing();

    @Test
    void workQueuedOnAQuietServerIsTakenAtOnce() {
        assertThat(pacing.waitBeforeTaking(10_000, 10_000L, false)).isZero();
        assertThat(pacing.waitBeforeTaking(10_000, null, false)).isZero();
    }

    @Test
    void duringABurstWorkWaitsUntilTheChangesPause() {
        pacing.changed(10_000);
        assertThat(pacing.waitBeforeTaking(10_100, 9_000L, false)).isEqualTo(IndexPacing.QUIET_MS - 100);
        pacing.changed(10_400);
        assertThat(pacing.waitBeforeTaking(10_450, 9_000L, false)).isEqualTo(IndexPacing.QUIET_MS - 50);
        assertThat(pacing.waitBeforeTaking(10_400 + IndexPacing.QUIET_MS, 9_000L, false)).isZero();
    }

    @Test
    void aWaitingSearchIsNeverDeferred() {
        pacing.changed(10_000);
        assertThat(pacing.waitBeforeTaking(10_001, 10_000L, true)).isZero();
        assertThat(pacing.waitBeforeTaking(10_002, 10_000L, false)).isPositive();
    }

    @Test
    void workWaitsAtMostTheLagBoundThenTheWholeQueueIsIndexedWhileTheBurstGoesOn() {
        long oldest = 10_000;
        pacing.changed(oldest + IndexPacing.MAX_LAG_MS - 100);
        assertThat(pacing.waitBeforeTaking(oldest + IndexPacing.MAX_LAG_MS - 50, oldest, false)).isEqualTo(50);
        pacing.changed(oldest + IndexPacing.MAX_LAG_MS);
        assertThat(pacing.waitBeforeTaking(oldest + IndexPacing.MAX_LAG_MS, oldest, false)).isZero();
        // catching up: work queued since is taken although changes keep coming
        pacing.changed(oldest + IndexPacing.MAX_LAG_MS + 10);
        assertThat(pacing.waitBeforeTaking(oldest + IndexPacing.MAX_LAG_MS + 20, oldest + IndexPacing.MAX_LAG_MS + 5, false)).isZero();
        // until the queue is empty: then the next burst waits again
        assertThat(pacing.waitBeforeTaking(oldest + IndexPacing.MAX_LAG_MS + 30, null, false)).isZero();
        pacing.changed(oldest + IndexPacing.MAX_LAG_MS + 40);
        assertThat(pacing.waitBeforeTaking(oldest + IndexPacing.MAX_LAG_MS + 50, oldest + IndexPacing.MAX_LAG_MS + 40, false))
                .isEqualTo(IndexPacing.QUIET_MS - 10);
    }
}
