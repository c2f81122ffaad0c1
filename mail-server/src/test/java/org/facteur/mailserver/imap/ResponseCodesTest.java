package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseCodesTest {
    @Test
    void theCodesAreTheRfcsWithoutAnXInFront() {
        assertThat(ResponseCodes.UNKNOWN_CTE.getCode()).isEqualTo("UNKNOWN-CTE");
        assertThat(ResponseCodes.UNKNOWN_CTE.getParameters()).isEmpty();
        assertThat(ResponseCodes.NONEXISTENT.getCode()).isEqualTo("NONEXISTENT");
        assertThat(ResponseCodes.NONEXISTENT.getParameters()).isEmpty();
        assertThat(ResponseCodes.CANNOT.getCode()).isEqualTo("CANNOT");
        assertThat(ResponseCodes.CANNOT.getParameters()).isEmpty();
    }
}
