package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imapserver.netty.NettyConstants;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.api.Test;

class LiteralGuardTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static String written(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        return out == null ? "" : out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void asksForTheSecondSynchronizingLiteralOfACommandButLeavesTheFirstToJames() {
        EmbeddedChannel ch = new EmbeddedChannel(new LiteralGuard(1000));
        ch.writeInbound(bytes("a1 LOGIN {5}\r\n"));
        assertThat(written(ch)).isEmpty(); // James asks for this one
        ch.writeInbound(bytes("alice {6}\r\n"));
        assertThat(written(ch)).isEqualTo("+ Ok\r\n");
        ch.writeInbound(bytes("secret\r\n"));
        ch.writeInbound(bytes("a2 LOGIN {5}\r\n"));
        assertThat(written(ch)).as("a new command: its first literal is James's again").isEmpty();
    }

    @Test
    void asksForNothingWhenTheLiteralsBytesCameAlongOrItIsNonSynchronizingButForOneAfterTheFirst() {
        EmbeddedChannel ch = new EmbeddedChannel(new LiteralGuard(1000));
        ch.writeInbound(bytes("a1 LOGIN {5}\r\n"));
        ch.writeInbound(bytes("alice {6}\r\nsecret\r\n"));
        assertThat(written(ch)).isEmpty();
        ch.writeInbound(bytes("a2 LOGIN {5}\r\n"));
        ch.writeInbound(bytes("alice {6+}\r\n"));
        assertThat(written(ch)).isEmpty();
        ch.writeInbound(bytes("secret\r\n"));
        ch.writeInbound(bytes("a3 LOGIN {5+}\r\nalice {6}\r\n"));
        assertThat(written(ch)).as("James's first pass ends at the first literal, which needs no question: this one does")
                .isEqualTo("+ Ok\r\n");
    }

    @Test
    void refusesALiteralAfterOneThatTookTheCommandPastTheInMemoryLimitAndCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(new LiteralGuard(1000, 100));
        ch.writeInbound(bytes("a1 APPEND INBOX {120}\r\n"));
        ch.writeInbound(bytes("x".repeat(120)));
        ch.writeInbound(bytes(" {3}\r\n"));
        assertThat(written(ch)).startsWith("a1 NO [TOOBIG] Only the last literal of a command may take it past 100 bytes")
                .endsWith("* BYE Closing the connection\r\n");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void letsTheLastLiteralTakeTheCommandPastTheInMemoryLimitAndLiteralsWithinIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new LiteralGuard(1000, 100));
        ch.writeInbound(bytes("a1 APPEND INBOX {40}\r\n" + "x".repeat(40) + " {3}\r\nabc {300}\r\n"));
        assertThat(written(ch)).as("the third literal is asked for, not refused").isEqualTo("+ Ok\r\n");
        ch.writeInbound(bytes("y".repeat(300) + "\r\n"));
        ch.writeInbound(bytes("a2 APPEND INBOX {120}\r\n" + "z".repeat(120) + "\r\n"));
        assertThat(written(ch)).isEmpty();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void passesOrdinaryCommandsThrough() {
        EmbeddedChannel ch = new EmbeddedChannel(new LiteralGuard(1000));
        ch.writeInbound(bytes("a1 NOOP\r\n"));
        ByteBuf passed = ch.readInbound();
        assertThat(passed.toString(StandardCharsets.US_ASCII)).isEqualTo("a1 NOOP\r\n");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void refusesAnOversizedLiteralWithTheCommandTagAndCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(new LiteralGuard(1000));
        ch.writeInbound(bytes("x7 APPEND INBOX (\\Seen) {1001}\r\n"));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(written(ch)).startsWith("x7 NO [TOOBIG] Literal of 1001 bytes");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void answersARefusalWithTheWholeTagOfALongOneSplitAcrossPackets() {
        String tag = "t" + "0123456789".repeat(200);
        EmbeddedChannel ch = new EmbeddedChannel(new LiteralGuard(1000));
        ch.writeInbound(bytes(tag.substring(0, 700)));
        ch.writeInbound(bytes(tag.substring(700) + " APPEND INBOX {1001}\r\n"));
        assertThat(written(ch)).startsWith(tag + " NO [TOOBIG] Literal of 1001 bytes");
    }

    @Test
    void findsTheAnnouncementSplitAcrossPackets() {
        EmbeddedChannel ch = new EmbeddedChannel(new LiteralGuard(1000));
        ch.writeInbound(bytes("a1 LOGIN {99"));
        ch.writeInbound(bytes("99+}\r\n"));
        assertThat(written(ch)).startsWith("a1 NO [TOOBIG]");
    }

    @Test
    void skipsLiteralContentSoBracesInsideAMessageAreNotCommands() {
        EmbeddedChannel ch = new EmbeddedChannel(new LiteralGuard(1000));
        String body = "line {999999999}\r\n";
        ch.writeInbound(bytes("a1 APPEND INBOX {" + body.length() + "+}\r\n" + body + "\r\n"));
        ch.writeInbound(bytes("a2 NOOP\r\n"));
        assertThat(written(ch)).isEmpty();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void hugeNumbersDoNotOverflow() {
        EmbeddedChannel ch = new EmbeddedChannel(new LiteralGuard(1000));
        ch.writeInbound(bytes("a1 APPEND INBOX {99999999999999999999999}\r\n"));
        assertThat(written(ch)).startsWith("a1 NO [TOOBIG]");
    }

    private static EmbeddedChannel withSession(ImapSession session, io.netty.channel.ChannelHandler... handlers) {
        EmbeddedChannel ch = new EmbeddedChannel(handlers);
        ch.attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).set(session);
        return ch;
    }

    @Test
    void aWithdrawnLiteralLeavesWhatFollowsToBeCheckedAsACommand() {
        ImapSession session = MockedSessions.keepingAttributes(ImapSessionState.NON_AUTHENTICATED);
        EmbeddedChannel ch = withSession(session, new LiteralGuard(1000));
        ch.writeInbound(bytes("a1 SELECT {20}\r\n"));
        LiteralGuard guard = LiteralGuard.of(session);
        assertThat(guard.literalWithdrawable(-1)).isTrue();
        guard.withdrawLiteral();

        ch.writeInbound(bytes("b1 LOGIN {999999}\r\n"));
        assertThat(written(ch)).as("not taken for the 20 bytes of the withdrawn literal").startsWith("b1 NO [TOOBIG]");
    }

    @Test
    void aLiteralAskedForComingOrNotLastIsNotWithdrawable() {
        ImapSession session = MockedSessions.keepingAttributes(ImapSessionState.NON_AUTHENTICATED);
        EmbeddedChannel ch = withSession(session, new LiteralGuard(1000));
        ch.writeInbound(bytes("a1 LOGIN {5}\r\n"));
        ch.writeInbound(bytes("alice {6}\r\n"));
        assertThat(written(ch)).isEqualTo("+ Ok\r\n");
        LiteralGuard guard = LiteralGuard.of(session);
        assertThat(guard.literalWithdrawable(-1)).as("this handler asked for it").isFalse();

        ch.writeInbound(bytes("secret\r\na2 SELECT {5}\r\n"));
        long forwardedUpToTheAnnouncement = "a1 LOGIN {5}\r\nalice {6}\r\nsecret\r\na2 SELECT {5}\r\n".length();
        assertThat(guard.literalWithdrawable(forwardedUpToTheAnnouncement)).isTrue();
        assertThat(guard.literalWithdrawable(forwardedUpToTheAnnouncement - 10))
                .as("James was not given all this handler read: the literal it refused may be another").isFalse();
        ch.writeInbound(bytes("he"));
        assertThat(guard.literalWithdrawable(-1)).as("its first bytes came").isFalse();

        ch.writeInbound(bytes("llo\r\na3 SEARCH {5+}\r\n"));
        assertThat(guard.literalWithdrawable(-1)).as("non-synchronizing: it comes anyway").isFalse();
    }

    @Test
    void aLiteralWithdrawnWhileJamesReadsTheCommandIsNotAskedFor() {
        ImapSession session = MockedSessions.keepingAttributes(ImapSessionState.NON_AUTHENTICATED);
        EmbeddedChannel ch = withSession(session, new LiteralGuard(1000), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                io.netty.util.ReferenceCountUtil.release(msg);
                LiteralGuard guard = LiteralGuard.of(session);   // as RefusedCommandDecoder does when James refuses
                if (guard.literalWithdrawable(-1)) {
                    guard.withdrawLiteral();
                }
            }
        });
        ch.writeInbound(bytes("a1 LOGIN {5+}\r\nalice {6}\r\n"));
        assertThat(written(ch)).as("the second literal would be asked for, were the command not refused").isEmpty();
    }
}
