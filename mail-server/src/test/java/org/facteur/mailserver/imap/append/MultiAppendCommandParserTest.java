package org.facteur.mailserver.imap.append;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.mail.Flags;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AppendRequest;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader.NotEnoughDataException;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The APPEND grammar read through James's own netty reader, as the server reads it once the bytes are in (after the
 * tag and the command name): one message or several, literals and literal8s, and the sizes reported missing.
 */
class MultiAppendCommandParserTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);
    private static final Tag TAG = new Tag("a1");

    private final MultiAppendCommandParser parser = new MultiAppendCommandParser(new UnpooledStatusResponseFactory(), CLOCK);
    private final ImapSession session = mock(ImapSession.class);

    MultiAppendCommandParserTest() {
        when(session.getState()).thenReturn(ImapSessionState.AUTHENTICATED);
    }

    private ImapMessage parse(byte[] arguments) {
        return parser.parse(new NettyImapRequestLineReader(new EmbeddedChannel(), Unpooled.wrappedBuffer(arguments), true, 0),
                TAG, session);
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private static String content(AppendedMessage message) throws Exception {
        try (InputStream in = message.content().getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void oneMessageIsJamesRequestSoTheUsualAppendPathIsKept() throws Exception {
        ImapMessage message = parse(bytes(" INBOX (\\Seen) {5}\r\nhello\r\n"));

        assertThat(message).isInstanceOf(AppendRequest.class);
        AppendRequest append = (AppendRequest) message;
        assertThat(append.getMailboxName()).isEqualTo("INBOX");
        assertThat(append.getFlags().contains(Flags.Flag.SEEN)).isTrue();
        assertThat(append.getDatetime()).isEqualTo(CLOCK.instant());
        try (InputStream in = append.getMessage().getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void severalMessagesEachWithOptionalFlagsAndDateAndAnyKindOfLiteral() throws Exception {
        ImapMessage message = parse(bytes(" Archive (\\Seen) \"01-Jan-2020 10:00:00 +0000\" {3}\r\none",
                " \"02-Feb-2021 11:30:00 +0100\" {3+}\r\ntwo",
                " (\\Flagged $Label) ~{5}\r\n", new byte[] {'t', 0, 'r', (byte) 0xff, 'e'},
                " ~{4+}\r\nfour\r\n"));

        assertThat(message).isInstanceOf(MultiAppendRequest.class);
        MultiAppendRequest multi = (MultiAppendRequest) message;
        assertThat(multi.mailboxName()).isEqualTo("Archive");
        assertThat(multi.messages()).hasSize(4);
        assertThat(content(multi.messages().get(0))).isEqualTo("one");
        assertThat(content(multi.messages().get(1))).isEqualTo("two");
        assertThat(content(multi.messages().get(2))).isEqualTo("t\0r\u00ffe");
        assertThat(content(multi.messages().get(3))).isEqualTo("four");
        assertThat(multi.messages().get(0).flags().contains(Flags.Flag.SEEN)).isTrue();
        assertThat(multi.messages().get(1).flags().getSystemFlags()).isEmpty();
        assertThat(multi.messages().get(2).flags().contains(Flags.Flag.FLAGGED)).isTrue();
        assertThat(multi.messages().get(2).flags().contains("$Label")).isTrue();
        assertThat(multi.messages().get(0).internalDate().toInstant()).isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
        assertThat(multi.messages().get(1).internalDate().toInstant()).isEqualTo(Instant.parse("2021-02-02T10:30:00Z"));
        assertThat(multi.messages().get(3).internalDate().toInstant()).isEqualTo(CLOCK.instant());
    }

    @Test
    void somethingOtherThanALiteralWhereAMessageIsExpectedIsBadWithASentence() {
        ImapMessage message = parse(bytes(" INBOX {3}\r\none (\\Seen) hello\r\n"));
        assertThat(message).isInstanceOf(StatusResponse.class);
        StatusResponse bad = (StatusResponse) message;
        assertThat(bad.getServerResponseType()).isEqualTo(StatusResponse.Type.BAD);

        ImapMessage noLiteral = parse(bytes(" INBOX (\\Seen) hello\r\n"));
        assertThat(((StatusResponse) noLiteral).getServerResponseType()).isEqualTo(StatusResponse.Type.BAD);
        assertThat(((StatusResponse) noLiteral).getTextKey().getDefaultValue())
                .isEqualTo("expects each message as a literal, like {42} or ~{42}, after its optional flags in "
                        + "parentheses and date in quotes; found 'h'");
    }

    /**
     * A known size there counts the CR LF after the literal: a command ending in a bare line feed would then wait for
     * one more byte.
     */
    @Test
    void aMissingFirstLiteralOfACommandThatFitsInMemoryIsReportedAsUnknown() {
        assertThat(neededAfter(bytes(" INBOX {10}\r\n"))).isEqualTo(NotEnoughDataException.UNKNOWN_SIZE);
    }

    /** Over the in-memory limit James spills the command to a file of the size reported, as for its own APPEND. */
    @Test
    void aMissingFirstLiteralThatOutgrowsMemoryIsReportedAsJamesDoesWithTheCrlfAfterIt() {
        byte[] start = bytes(" INBOX {2000000}\r\n");
        assertThat(neededAfter(start)).isEqualTo(start.length + 2_000_000 + 2);
    }

    /**
     * A known size there would make James's decoder go back to the mark that reading the first literal moved, when a
     * read brings part of what is missing; an unknown size makes it try again on every read.
     */
    @Test
    void aMissingLaterLiteralOfACommandThatFitsInMemoryIsReportedAsUnknown() {
        assertThat(neededAfter(bytes(" INBOX {3}\r\none {10}\r\n"))).isEqualTo(NotEnoughDataException.UNKNOWN_SIZE);
    }

    /** Over the in-memory limit James spills the command to a file, which must hold the earlier messages too. */
    @Test
    void aMissingLaterLiteralThatOutgrowsMemoryIsReportedWithTheEarlierLiteralsAndTheCrlfCounted() {
        byte[] start = bytes(" INBOX {3}\r\none {2000000}\r\n");
        assertThat(neededAfter(start)).isEqualTo(start.length + 2_000_000 + 2);
    }

    private int neededAfter(byte[] start) {
        NettyImapRequestLineReader reader = new NettyImapRequestLineReader(new EmbeddedChannel(), Unpooled.wrappedBuffer(start),
                true, 0);
        Throwable thrown = catchThrowable(() -> parser.parse(reader, TAG, session));
        assertThat(thrown).isInstanceOf(NotEnoughDataException.class);
        return ((NotEnoughDataException) thrown).getNeededSize();
    }
}
