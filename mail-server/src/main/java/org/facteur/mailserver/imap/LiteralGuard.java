package org.facteur.mailserver.imap;

import java.nio.charset.StandardCharsets;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imapserver.netty.NettyConstants;
import org.facteur.mailserver.imap.append.MultiAppendCommandParser;

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
 *
 * <p>And it refuses a literal that follows one James kept in a file. Once a command needs more than its in-memory
 * limit, James 3.8.1 writes the bytes up to the end of the literal being read (and two more) to a temporary file and
 * decodes the command from that file alone: what follows in the same read is dropped, and what comes later makes it
 * decode the file a second time, after deleting it (seen with a MULTIAPPEND whose first message was 1.5 MB: junk
 * {@code BAD}s, a {@code FileNotFoundException}, the connection closed). So a literal may take a command past
 * {@value MultiAppendCommandParser#IN_MEMORY_COMMAND_BYTES} bytes only if it is the command's last; another literal
 * after it gets {@code NO [TOOBIG]} and the connection is closed, with nothing stored.
 *
 * <p>When James refuses a command before asking for its synchronizing literal, the client does not send it and its
 * next command follows: {@link RefusedCommandDecoder} tells this handler ({@link #withdrawLiteral}), which then reads
 * those bytes as a command, checked as any other (they used to be counted as the literal and so went unchecked).
 */
final class LiteralGuard extends ChannelInboundHandlerAdapter {
    private static final int BYTES_JAMES_READS_AFTER_A_LITERAL = 2;
    private static final String SESSION_KEY = "facteur.literal-guard";

    private final long limit;
    private final long inMemoryCommandBytes;
    private final CommandScanner scanner = new CommandScanner();
    private boolean registered;
    private boolean refused;
    /** Whether this handler is to ask for the literal the scanner stopped at, once James has had the bytes. */
    private boolean askPending;
    /** Whether it asked for the literal the scanner stopped at and the client may be sending it. */
    private boolean asked;
    /** Whether the current command announced a literal already: James's first pass stops at its first one. */
    private boolean firstLiteralSeen;
    /** Bytes of the current command read so far, literals included. */
    private long commandBytes;
    /** Where the current command's last literal ends, counted as {@link #commandBytes}; -1 before its first literal. */
    private long lastLiteralEnd = -1;

    LiteralGuard(long limit) {
        this(limit, MultiAppendCommandParser.IN_MEMORY_COMMAND_BYTES);
    }

    /** {@code inMemoryCommandBytes}: James's {@code inMemorySizeLimit}, past which it decodes a command from a file. */
    LiteralGuard(long limit, long inMemoryCommandBytes) {
        this.limit = limit;
        this.inMemoryCommandBytes = inMemoryCommandBytes;
    }

    /** This connection's guard, or null when the session has none. */
    static LiteralGuard of(ImapSession session) {
        return session.getAttribute(SESSION_KEY) instanceof LiteralGuard guard ? guard : null;
    }

    /**
     * Whether the synchronizing literal announced last may be withdrawn because James refused its command before
     * asking for it: this handler did not ask for it either, and has read nothing after it, nor anything that James
     * has not been given ({@code forwarded}: the position of what {@link CommandSequencer} passed on, or -1).
     */
    boolean literalWithdrawable(long forwarded) {
        return !asked && scanner.atUntouchedSynchronizingLiteral() && (forwarded < 0 || forwarded == scanner.position());
    }

    /** Withdraws that literal ({@link #literalWithdrawable}): the next byte starts a new command, checked as any. */
    void withdrawLiteral() {
        if (scanner.withdrawLiteral()) {
            askPending = false;
            firstLiteralSeen = false;
            commandBytes = 0;
            lastLiteralEnd = -1;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!registered) {
            register(ctx);
        }
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
        if (i < end) {
            asked = false;
            askPending = false;
        }
        while (i < end) {
            int from = i;
            i = scanner.scan(buf, i, end);
            commandBytes += i - from;
            if (scanner.stop() == CommandScanner.Stop.MALFORMED_LITERAL) {
                refuseMalformed(ctx, buf);
                return;
            }
            if (scanner.stop() == CommandScanner.Stop.LITERAL && scanner.announced() > limit) {
                refuse(ctx, buf, scanner.announced());
                return;
            }
            if (scanner.stop() == CommandScanner.Stop.LITERAL
                    && lastLiteralEnd + BYTES_JAMES_READS_AFTER_A_LITERAL > inMemoryCommandBytes) {
                refuseAfterSpilled(ctx, buf);
                return;
            }
            if (scanner.stop() == CommandScanner.Stop.LITERAL) {
                lastLiteralEnd = commandBytes + scanner.announced();
                if (!firstLiteralSeen) {
                    firstLiteralSeen = true;
                } else if (scanner.synchronizing() && i == end) {
                    askPending = true;
                }
            } else if (scanner.stop() == CommandScanner.Stop.COMMAND_END) {
                firstLiteralSeen = false;
                commandBytes = 0;
                lastLiteralEnd = -1;
            }
        }
        ctx.fireChannelRead(msg);
        if (askPending) {   // unless James refused the command meanwhile
            askPending = false;
            asked = true;
            ctx.writeAndFlush(Unpooled.copiedBuffer("+ Ok\r\n", StandardCharsets.US_ASCII));
        }
    }

    private void register(ChannelHandlerContext ctx) {
        ImapSession session = ctx.channel().attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get();
        if (session != null) {
            session.setAttribute(SESSION_KEY, this);
            registered = true;
        }
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf buf, long announced) {
        close(ctx, buf, " NO [TOOBIG] Literal of " + announced + " bytes exceeds the limit of " + limit + " bytes");
    }

    private void refuseAfterSpilled(ChannelHandlerContext ctx, ByteBuf buf) {
        close(ctx, buf, " NO [TOOBIG] Only the last literal of a command may take it past " + inMemoryCommandBytes
                + " bytes: send a message that large in an APPEND of its own, or last; nothing was stored");
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
