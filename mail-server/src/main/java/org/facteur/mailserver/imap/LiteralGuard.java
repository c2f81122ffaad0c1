package org.facteur.mailserver.imap;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses an IMAP literal larger than the limit before James sees it (CVE-2024-37358: James 3.8.1
 * answers "+ Ok" to any announced size, even before login). Follows the protocol with a
 * {@link CommandScanner}: on each command line ending in {@code {N}} or {@code {N+}} it checks N. A literal over the
 * limit gets {@code NO [TOOBIG]} and the connection is closed, since the client may already be
 * streaming it. One instance per connection; sits after TLS, before James's framing.
 *
 * <p>It also asks for the second and later synchronizing literals of one command. James 3.8.1 sends the {@code + Ok}
 * continuation only from the first pass of its decoder over a command, which sees the command's first line only and so
 * always ends at its first literal (asking for it when it is synchronizing); once that literal's bytes are in, it
 * decodes the command again from its start "in retry" and never asks again. A command with two synchronizing literals
 * ({@code LOGIN {3} {8}}, a {@code SEARCH} with two non-ASCII strings, {@code RENAME} of two names sent as literals), or
 * a synchronizing one after a non-synchronizing one, therefore hung: the client waited for a {@code +} that never came.
 * Here, every synchronizing literal after the command's first whose bytes are not in what was read gets the
 * {@code + Ok} from this handler.
 */
final class LiteralGuard extends ChannelInboundHandlerAdapter {
    private final long limit;
    private final CommandScanner scanner = new CommandScanner();
    private boolean refused;
    /** Whether the current command announced a literal already: James's first pass stops at its first one. */
    private boolean firstLiteralSeen;

    LiteralGuard(long limit) {
        this.limit = limit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        boolean askAfter = false;
        while (i < end) {
            i = scanner.scan(buf, i, end);
            if (scanner.stop() == CommandScanner.Stop.MALFORMED_LITERAL) {
                refuseMalformed(ctx, buf);
                return;
            }
            if (scanner.stop() == CommandScanner.Stop.LITERAL && scanner.announced() > limit) {
                refuse(ctx, buf, scanner.announced());
                return;
            }
            if (scanner.stop() == CommandScanner.Stop.LITERAL) {
                if (!firstLiteralSeen) {
                    firstLiteralSeen = true;
                } else if (scanner.synchronizing() && i == end) {
                    askAfter = true;
                }
            } else if (scanner.stop() == CommandScanner.Stop.COMMAND_END) {
                firstLiteralSeen = false;
            }
        }
        ctx.fireChannelRead(msg);
        if (askAfter) {
            ctx.writeAndFlush(Unpooled.copiedBuffer("+ Ok\r\n", StandardCharsets.US_ASCII));
        }
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf buf, long announced) {
        close(ctx, buf, " NO [TOOBIG] Literal of " + announced + " bytes exceeds the limit of " + limit + " bytes");
    }

    /** James 3.8.1 answered "+ Ok" to {-1} and then waited forever for the literal. */
    private void refuseMalformed(ChannelHandlerContext ctx, ByteBuf buf) {
        close(ctx, buf, " BAD [PARSE] Invalid literal size: it must be a number of bytes, like {42}");
    }

    /** The client may already be streaming what follows: answer, say goodbye and close. */
    private void close(ChannelHandlerContext ctx, ByteBuf buf, String tagged) {
        refused = true;
        buf.release();
        String tag = scanner.tag();
        String reply = (tag.isEmpty() ? "*" : tag) + tagged + "\r\n* BYE Closing the connection\r\n";
        ctx.writeAndFlush(Unpooled.copiedBuffer(reply, StandardCharsets.US_ASCII)).addListener(ChannelFutureListener.CLOSE);
    }
}
