package org.facteur.mailserver.imap.binary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnknownCteCodeTest {
    @Test
    void theCodeIsRfc3516sWithoutAnXInFront() {
        assertThat(UnknownCteCode.get().getCode()).isEqualTo("UNKNOWN-CTE");
        assertThat(UnknownCteCode.get().getParameters()).isEmpty();
    }
}
