package org.facteur.mailserver.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class HeaderFirstStreamTest {
    static final byte[] WHOLE = "Subject: s\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
    static final byte[] HEADER = "Subject: s\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    final AtomicInteger opened = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();

    HeaderFirstStream stream() {
        return new HeaderFirstStream(HEADER, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(WHOLE) {
                @Override
                public void close() {
                    closed.set(true);
                }
            };
        });
    }

    @Test
    void readingOnlyTheHeaderNeverOpensTheBlob() throws IOException {
        try (InputStream in = stream()) {
            assertThat(in.readNBytes(HEADER.length)).isEqualTo(HEADER);
        }
        assertThat(opened).hasValue(0);
    }

    @Test
    void readingOnOpensTheBlobOncePastTheHeaderAndClosesIt() throws IOException {
        try (InputStream in = stream()) {
            assertThat(in.read()).isEqualTo('S');
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(WHOLE, 1, WHOLE.length));
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(opened).hasValue(1);
        assertThat(closed).isTrue();
    }

    @Test
    void skippingAcrossTheEndOfTheHeaderLandsOnTheRightByte() throws IOException {
        try (InputStream in = stream()) {
            in.skipNBytes(HEADER.length + 2);
            assertThat(in.read()).isEqualTo('d');
        }
        assertThat(opened).hasValue(1);
    }

    @Test
    void aBlobShorterThanTheHeaderIsAnError() {
        InputStream in = new HeaderFirstStream(HEADER, () -> new ByteArrayInputStream(new byte[3]));
        assertThatThrownBy(() -> in.readAllBytes()).isInstanceOf(EOFException.class);
    }

    @Test
    void aClosedStreamRefusesReads() throws IOException {
        InputStream in = stream();
        in.close();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }
}
