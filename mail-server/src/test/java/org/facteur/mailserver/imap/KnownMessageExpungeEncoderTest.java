package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseWriter;
import org.apache.james.imap.encode.base.ImapResponseComposerImpl;
import org.apache.james.imap.message.Literal;
import org.apache.james.imap.message.response.ExpungeResponse;
import org.apache.james.mailbox.NullableMessageSequenceNumber;
import org.junit.jupiter.api.Test;

class KnownMessageExpungeEncoderTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ImapResponseComposer composer = new ImapResponseComposerImpl(new ImapResponseWriter() {
        @Override
        public void write(Literal literal) {
            throw new AssertionError("no literal in an EXPUNGE response");
        }

        @Override
        public void write(byte[] buffer) {
            out.writeBytes(buffer);
        }
    });

    @Test
    void aNumberedMessageIsAnnouncedAsJamesDoes() throws Exception {
        new KnownMessageExpungeEncoder().encode(new ExpungeResponse(NullableMessageSequenceNumber.of(3)), composer);
        composer.flush();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("* 3 EXPUNGE\r\n");
    }

    @Test
    void aMessageTheSessionNeverNumberedIsLeftOutInsteadOfMinusOne() throws Exception {
        new KnownMessageExpungeEncoder().encode(new ExpungeResponse(NullableMessageSequenceNumber.noMessage()), composer);
        composer.flush();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEmpty();
    }
}
