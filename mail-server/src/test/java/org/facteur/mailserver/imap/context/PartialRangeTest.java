package org.facteur.mailserver.imap.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The window of RETURN (PARTIAL n:m), and the sequence sets the answers are written in. */
class PartialRangeTest {
    private static final List<Long> RESULTS = List.of(1L, 2L, 4L, 5L);

    @Test
    void aWindowTakesThePositionsItNames() {
        assertThat(new PartialRange(2, 3).of(RESULTS)).containsExactly(2L, 4L);
        assertThat(new PartialRange(4, 2).of(RESULTS)).containsExactly(2L, 4L, 5L);
        assertThat(new PartialRange(4, 2)).hasToString("2:4");
        assertThat(new PartialRange(2, 10).of(RESULTS)).containsExactly(2L, 4L, 5L);
        assertThat(new PartialRange(5, 9).of(RESULTS)).isEmpty();
        assertThatThrownBy(() -> new PartialRange(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequenceSetsKeepOrderAndJoinRuns() {
        assertThat(SequenceSets.of(List.of(1L, 2L, 4L, 5L, 6L, 9L))).isEqualTo("1:2,4:6,9");
        assertThat(SequenceSets.of(List.of(5L, 1L, 2L, 3L))).isEqualTo("5,1:3");
        assertThat(SequenceSets.of(List.of())).isEmpty();
    }
}
