package org.facteur.mailserver.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobIdTest {

    @Test
    void theIdOfContentIsItsSha256InLowerCaseHex() {
        BlobId id = BlobId.of("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(id.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(new BlobId(id.sha256())).isEqualTo(id);
    }

    /** A blob id names a file: anything but 64 lower-case hex digits could walk out of the blob directory. */
    @ParameterizedTest
    @ValueSource(strings = {
            "", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0",
            "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
            "../../../../etc/passwd/../../../../../../../../../../../../../../",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ag",
            "/a7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"})
    void anythingElseIsRefused(String text) {
        assertThatThrownBy(() -> new BlobId(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a blob id");
    }
}
