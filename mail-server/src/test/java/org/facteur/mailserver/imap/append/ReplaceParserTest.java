package org.facteur.mailserver.imap.append;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.mail.Flags;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.ReplaceRequest;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader;
import org.apache.james.imapserver.netty.NettyImapRequestLineReader.NotEnoughDataException;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/** The REPLACE grammar (RFC 8508 §5) read through James's own netty reader, after the tag and the command name. */
class ReplaceParserTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private static final Tag TAG = new Tag("r1");

    private final ReplaceParser parser = new ReplaceParser(new UnpooledStatusResponseFactory(), CLOCK);
    private final ImapSession session = mock(ImapSession.class);

    ReplaceParserTest() {
        when(session.getState()).thenReturn(ImapSessionState.SELECTED);
    }

    private ImapMessage parse(String arguments) {
        return parser.parse(reader(arguments), TAG, session);
    }

    private static NettyImapRequestLineReader reader(String arguments) {
        return new NettyImapRequestLineReader(new EmbeddedChannel(),
                Unpooled.wrappedBuffer(arguments.getBytes(StandardCharsets.ISO_8859_1)), true, 0);
    }

    private static String content(ReplaceRequest request) throws Exception {
        try (InputStream in = request.getMessage().getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aNumberAMailboxFlagsADateAndALiteral() throws Exception {
        ImapMessage message = parse(" 4 Drafts (\\Draft $Work) \"07-Dec-2026 10:00:00 +0100\" {5}\r\nhello\r\n");

        assertThat(message).isInstanceOf(ReplaceRequest.class);
        ReplaceRequest replace = (ReplaceRequest) message;
        assertThat(replace.getId()).isEqualTo(4);
        assertThat(replace.isUseUid()).isFalse();
        assertThat(replace.getMailboxName()).isEqualTo("Drafts");
        assertThat(replace.getFlags().contains(Flags.Flag.DRAFT)).isTrue();
        assertThat(replace.getFlags().contains("$Work")).isTrue();
        assertThat(replace.getDatetime().toInstant()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(content(replace)).isEqualTo("hello");
    }

    @Test
    void withoutFlagsAndDateTheMessageIsDatedNow() throws Exception {
        ReplaceRequest replace = (ReplaceRequest) parse(" 1 INBOX {2+}\r\nhi\r\n");

        assertThat(replace.getFlags().getSystemFlags()).isEmpty();
        assertThat(replace.getDatetime().toInstant()).isEqualTo(CLOCK.instant());
        assertThat(content(replace)).isEqualTo("hi");
    }

    @Test
    void starNamesTheLastMessage() {
        ReplaceRequest replace = (ReplaceRequest) parse(" * INBOX {2}\r\nhi\r\n");
        assertThat(replace.getId()).isEqualTo(ReplaceParser.LAST);
    }

    @Test
    void aLiteral8IsTakenAsAppendTakesIt() throws Exception {
        ReplaceRequest replace = (ReplaceRequest) parse(" 2 INBOX ~{5}\r\nhello\r\n");
        assertThat(content(replace)).isEqualTo("hello");
    }

    @Test
    void zeroIsBadWithASentence() {
        StatusResponse bad = (StatusResponse) parse(" 0 INBOX {2}\r\nhi\r\n");
        assertThat(bad.getServerResponseType()).isEqualTo(StatusResponse.Type.BAD);
        assertThat(bad.getTextKey().getDefaultValue()).startsWith("expects the number of the message to replace");
    }

    /**
     * RFC 3501's nz-number, or {@code *} followed by a space: James's reader lets a longer number wrap around
     * (18446744073709551617 was 1, and 2^63-1 was taken for *).
     */
    @Test
    void aNumberBeyondRfc3501sIsBad() {
        for (String id : List.of("4294967296", "9223372036854775807", "18446744073709551617", "01", "1x", "*INBOX")) {
            StatusResponse bad = (StatusResponse) parse(" " + id + " INBOX {2}\r\nhi\r\n");
            assertThat(bad.getServerResponseType()).as(id).isEqualTo(StatusResponse.Type.BAD);
            assertThat(bad.getTextKey().getDefaultValue()).as(id).startsWith("expects the number");
        }
        assertThat(((ReplaceRequest) parse(" 4294967295 INBOX {2}\r\nhi\r\n")).getId()).isEqualTo(4_294_967_295L);
    }

    @Test
    void recentIsRefusedOnceTheLiteralIsRead() {
        StatusResponse bad = (StatusResponse) parse(" 1 INBOX (\\Recent) {2}\r\nhi\r\n");
        assertThat(bad.getServerResponseType()).isEqualTo(StatusResponse.Type.BAD);
        assertThat(bad.getTextKey().getDefaultValue()).contains("\\Recent");
    }

    @Test
    void somethingAfterTheLiteralIsBad() {
        StatusResponse bad = (StatusResponse) parse(" 1 INBOX {2}\r\nhi {2}\r\nho\r\n");
        assertThat(bad.getServerResponseType()).isEqualTo(StatusResponse.Type.BAD);
    }

    @Test
    void noLiteralIsBadWithASentenceNamingReplace() {
        StatusResponse bad = (StatusResponse) parse(" 1 INBOX hello\r\n");
        assertThat(bad.getTextKey().getDefaultValue()).startsWith("expects each message as a literal");
    }

    /** A known size would count the CR LF after the literal, and a bare line feed there would wait for another byte. */
    @Test
    void aMissingLiteralThatFitsInMemoryIsReportedAsUnknown() {
        Throwable thrown = catchThrowable(() -> parser.parse(reader(" 1 INBOX {10}\r\n"), TAG, session));
        assertThat(thrown).isInstanceOf(NotEnoughDataException.class);
        assertThat(((NotEnoughDataException) thrown).getNeededSize()).isEqualTo(NotEnoughDataException.UNKNOWN_SIZE);
    }
}
