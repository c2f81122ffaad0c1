package org.facteur.mailserver.imap.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class EsortResponseEncoderTest {
    @Test
    void onlyRunsGoingUpByOneBecomeRanges() {
        assertThat(EsortResponseEncoder.orderedSet(List.of(5L, 1L, 2L, 3L, 9L))).isEqualTo("5,1:3,9");
        assertThat(EsortResponseEncoder.orderedSet(List.of(3L, 2L, 1L))).isEqualTo("3,2,1");
        assertThat(EsortResponseEncoder.orderedSet(List.of(7L))).isEqualTo("7");
        assertThat(EsortResponseEncoder.orderedSet(List.of(1L, 2L))).isEqualTo("1:2");
    }
}
