package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.decode.ImapRequestStreamLineReader;
import org.apache.james.imap.message.request.NoopRequest;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader.NotEnoughDataException;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * What is left in the buffer after a refused command, read through James's netty reader as its frame decoder does
 * (the decoder, then {@code consumeLine()} for the line feed it leaves).
 */
class RefusedCommandDecoderTest {
    private final ImapSession session = MockedSessions.keepingAttributes(ImapSessionState.AUTHENTICATED);
    private int jamesDecodes;
    private int withdrawals;
    private boolean withdrawn = true;
    private ImapMessage jamesAnswer;

    /** Stands for James: reads the tag and the command's name, and answers with {@link #jamesAnswer}. */
    private final ImapDecoder james = (request, s) -> {
        jamesDecodes++;
        try {
            request.tag();
            request.atom();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return jamesAnswer;
    };
    private final RefusedCommandDecoder decoder = new RefusedCommandDecoder(james, s -> {
        withdrawals++;
        return withdrawn;
    });

    RefusedCommandDecoderTest() {
        jamesAnswer = new UnpooledStatusResponseFactory().taggedNo(new Tag("a1"),
                ImapCommand.anyStateCommand("SEARCH"), HumanReadableText.INVALID_COMMAND);
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    /** Decodes one command from {@code buf} as James's frame decoder does; returns what the decoder answered. */
    private ImapMessage decode(ByteBuf buf) throws Exception {
        NettyImapRequestLineReader reader = new NettyImapRequestLineReader(new EmbeddedChannel(), buf, false, 0);
        ImapMessage message = decoder.decode(reader, session);
        reader.consumeLine();
        return message;
    }

    @Test
    void aRequestIsLeftAsJamesReadIt() throws Exception {
        jamesAnswer = new NoopRequest(new Tag("a1"));
        ByteBuf buf = bytes("a1 NOOP {5+}\r\nhello\r\n");

        assertThat(decode(buf)).isSameAs(jamesAnswer);
        assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo("hello\r\n");
    }

    @Test
    void theNonSynchronizingLiteralsOfARefusedCommandAreRead() throws Exception {
        ByteBuf buf = bytes("a1 SEARCH TEXT {5+}\r\nhello TEXT {12+}\r\nw CREATE x\r\n\r\na2 NOOP\r\n");

        assertThat(decode(buf)).isSameAs(jamesAnswer);
        assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo("a2 NOOP\r\n");
        assertThat(withdrawals).isZero();
    }

    @Test
    void aSynchronizingLiteralAnnouncedLastAndNotFollowedIsWithdrawnAndNotWaitedFor() throws Exception {
        ByteBuf buf = bytes("a1 SEARCH TEXT {5+}\r\nhello TEXT {5}\r\n");

        assertThat(decode(buf)).isSameAs(jamesAnswer);
        assertThat(buf.isReadable()).isFalse();
        assertThat(withdrawals).isEqualTo(1);
    }

    @Test
    void aSynchronizingLiteralWhoseBytesCameIsReadWithoutAskingToWithdrawIt() throws Exception {
        ByteBuf buf = bytes("a1 SEARCH TEXT {5}\r\nhello TEXT {5}\r\nworld\r\na2 NOOP\r\n");

        assertThat(decode(buf)).isSameAs(jamesAnswer);
        assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo("a2 NOOP\r\n");
        assertThat(withdrawals).as("each was asked for, or sent anyway: no question").isZero();
    }

    @Test
    void aSynchronizingLiteralThatWillComeIsAwaited() throws Exception {
        withdrawn = false;
        String command = "a1 SEARCH TEXT {5+}\r\nhello TEXT {5}\r\n";
        assertThatThrownBy(() -> decode(bytes(command))).isInstanceOf(NotEnoughDataException.class);
        assertThat(withdrawals).isEqualTo(1);

        ByteBuf whole = bytes(command + "world\r\na2 NOOP\r\n");
        assertThat(decode(whole)).isSameAs(jamesAnswer);
        assertThat(whole.toString(StandardCharsets.US_ASCII)).isEqualTo("a2 NOOP\r\n");
        assertThat(withdrawals).isEqualTo(1);
    }

    @Test
    void aPassFromTheCommandsStartReadsAgainTheLiteralsAlreadyInWithoutAskingToWithdrawThem() throws Exception {
        String first = "t SEARCH TEXT {20}\r\nw CREATE Injected3\r\n X-BOGUS {3+}\r\n";
        assertThatThrownBy(() -> decode(bytes(first))).isInstanceOf(NotEnoughDataException.class);
        String second = first + "abc TEXT {4+}\r\n";
        assertThatThrownBy(() -> decode(bytes(second))).isInstanceOf(NotEnoughDataException.class);

        ByteBuf whole = bytes(second + "abcd\r\na2 NOOP\r\n");
        assertThat(decode(whole)).isSameAs(jamesAnswer);
        assertThat(whole.toString(StandardCharsets.US_ASCII)).isEqualTo("a2 NOOP\r\n");
        assertThat(withdrawals).isZero();
        assertThat(jamesDecodes).isEqualTo(1);
    }

    @Test
    void whenTheLiteralIsNotAllInTheCommandIsReadAgainFromItsStartWithoutAskingJamesAgain() throws Exception {
        String command = "a1 FROBNICATE {12+}\r\nw CREATE x\r\n\r\n";
        ByteBuf partial = bytes(command.substring(0, 25));
        assertThatThrownBy(() -> decode(partial)).isInstanceOf(NotEnoughDataException.class)
                .extracting(e -> ((NotEnoughDataException) e).getNeededSize())
                .as("the frame decoder keeps the command in memory and tries again at each read")
                .isEqualTo(NotEnoughDataException.UNKNOWN_SIZE);

        ByteBuf whole = bytes(command + "a2 NOOP\r\n");
        assertThat(decode(whole)).isSameAs(jamesAnswer);
        assertThat(whole.toString(StandardCharsets.US_ASCII)).isEqualTo("a2 NOOP\r\n");
        assertThat(jamesDecodes).as("James counts unknown commands: it saw this one once").isEqualTo(1);

        jamesAnswer = new NoopRequest(new Tag("a2"));
        assertThat(decode(whole)).as("the next command is James's again").isSameAs(jamesAnswer);
        assertThat(jamesDecodes).isEqualTo(2);
    }

    @Test
    void aRefusedCommandTooLargeToReadInMemoryEndsTheSession() throws Exception {
        int size = RefusedCommandDecoder.REFUSED_COMMAND_BYTES;
        assertThatThrownBy(() -> decode(bytes("a1 APPEND INBOX {" + size + "+}\r\nFrom: x")))
                .as("the BYE is said from the connection, which stops being read").isInstanceOf(NotEnoughDataException.class);
        verify(session).logout();
        jamesAnswer = new NoopRequest(new Tag("a2"));
        assertThat(decode(bytes("a2 NOOP\r\n"))).as("nothing left pending").isSameAs(jamesAnswer);
    }

    @Test
    void aWithdrawnLiteralIsNotReadWhateverItsSize() throws Exception {
        ByteBuf buf = bytes("a1 APPEND INBOX {2000000}\r\n");

        assertThat(decode(buf)).isSameAs(jamesAnswer);
        assertThat(withdrawals).isEqualTo(1);
        verify(session, never()).logout();
    }

    @Test
    void aRefusedCommandWhoseLineRunsPastWhatIsKeptInMemoryEndsTheSession() {
        ByteBuf buf = bytes("a1 FROBNICATE " + "x".repeat(RefusedCommandDecoder.REFUSED_COMMAND_BYTES + 1));

        assertThatThrownBy(() -> decode(buf)).as("the line has no end for James to consume: the BYE is written directly")
                .isInstanceOf(NotEnoughDataException.class);
        verify(session).logout();
    }

    @Test
    void aCommandJamesReadFromAFileKeepsJamesHandling() throws Exception {
        ImapRequestStreamLineReader reader = new ImapRequestStreamLineReader(
                new ByteArrayInputStream("a1 SEARCH {5+}\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)),
                new ByteArrayOutputStream());

        assertThat(decoder.decode(reader, session)).isSameAs(jamesAnswer);
        reader.consumeLine();
        assertThat(reader.atom()).isEqualTo("hello");
    }
}
