package org.facteur.mailserver.imap.append;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.imap.message.Literal;
import org.junit.jupiter.api.Test;

/** James's channel handler and REPLACE's processor both close the request: the literal's file is released once. */
class OnceReleasedLiteralTest {
    private static final class CountingLiteral implements Literal, Closeable {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public long size() {
            return 2;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(new byte[] {'h', 'i'});
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void closedTwiceTheLiteralIsReleasedOnceAndReadsAsBefore() throws Exception {
        CountingLiteral sent = new CountingLiteral();
        OnceReleasedLiteral literal = new OnceReleasedLiteral(sent);

        assertThat(literal.size()).isEqualTo(2);
        assertThat(literal.getInputStream().readAllBytes()).containsExactly('h', 'i');
        literal.close();
        literal.close();

        assertThat(sent.closes).hasValue(1);
    }
}
