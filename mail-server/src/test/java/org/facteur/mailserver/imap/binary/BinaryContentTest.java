package org.facteur.mailserver.imap.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BinaryContentTest {
    private static boolean literal8(String content) {
        return new BinaryContent("BINARY[1]", content.getBytes(StandardCharsets.ISO_8859_1)).needsLiteral8();
    }

    @Test
    void textWithCrLfLinesAndEightBitBytesGoesInAPlainLiteral() {
        assertThat(literal8("hello\r\nCaf\u00e9\r\n")).isFalse();
        assertThat(literal8("")).isFalse();
    }

    @Test
    void aNulOrALoneCrOrLfNeedsALiteral8() {
        assertThat(literal8("a\0b")).isTrue();
        assertThat(literal8("a\rb")).isTrue();
        assertThat(literal8("a\nb")).isTrue();
        assertThat(literal8("ends with CR\r")).isTrue();
        assertThat(literal8("\nstarts with LF")).isTrue();
    }
}
