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
 * answers "+ Ok" to any announced size, even before login). Follows the protocol: on each command
 * line ending in {@code {N}} or {@code {N+}} (RFC 3501, RFC 7888) it checks N, then skips the N bytes
 * of the literal itself, so message contents are never mistaken for commands. A literal over the
 * limit gets {@code NO [TOOBIG]} and the connection is closed, since the client may already be
 * streaming it. One instance per connection; sits after TLS, before James's framing.
 */
final class LiteralGuard extends ChannelInboundHandlerAdapter {
    private static final int KEEP = 64;
    private static final long MALFORMED = -2;

    private final long limit;
    private final StringBuilder lineTail = new StringBuilder();
    private final StringBuilder tag = new StringBuilder();
    private boolean atCommandStart = true;
    private boolean readingTag = true;
    private long literalRemaining;
    private boolean refused;

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
        while (i < end) {
            if (literalRemaining > 0) {
                int skip = (int) Math.min(literalRemaining, end - i);
                i += skip;
                literalRemaining -= skip;
                continue;
            }
            char c = (char) (buf.getByte(i++) & 0xff);
            if (atCommandStart) {
                tag.setLength(0);
                readingTag = true;
                atCommandStart = false;
            }
            if (readingTag) {
                if (c == ' ' || c == '\r' || c == '\n' || tag.length() >= 32) {
                    readingTag = false;
                } else {
                    tag.append(c);
                }
            }
            if (c == '\n') {
                long announced = announcedLiteral();
                lineTail.setLength(0);
                if (announced == MALFORMED) {
                    refuseMalformed(ctx, buf);
                    return;
                }
                if (announced > limit) {
                    refuse(ctx, buf, announced);
                    return;
                }
                if (announced >= 0) {
                    literalRemaining = announced;   // the command goes on after the literal
                } else {
                    atCommandStart = true;
                }
            } else {
                lineTail.append(c);
                if (lineTail.length() > KEEP) {
                    lineTail.delete(0, lineTail.length() - KEEP);
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * The size announced at the end of the current line, -1 when it does not end with a literal, or
     * {@link #MALFORMED} when it ends with braces around something that is not a size ({@code {-1}},
     * {@code {}}, {@code {x}}): a line ending in "}" can only be a literal announcement in IMAP, since
     * "{" is not allowed in atoms and quoted strings end with a quote.
     */
    private long announcedLiteral() {
        int len = lineTail.length();
        if (len > 0 && lineTail.charAt(len - 1) == '\r') {
            len--;
        }
        if (len < 3 || lineTail.charAt(len - 1) != '}') {
            return -1;
        }
        int close = len - 1;
        int digitsEnd = lineTail.charAt(close - 1) == '+' ? close - 1 : close;
        int open = lineTail.lastIndexOf("{", digitsEnd);
        if (open < 0) {
            return -1;
        }
        String digits = lineTail.substring(open + 1, digitsEnd);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return MALFORMED;
        }
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
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
        String t = tag.isEmpty() ? "*" : tag.toString();
        String reply = t + tagged + "\r\n* BYE Closing the connection\r\n";
        ctx.writeAndFlush(Unpooled.copiedBuffer(reply, StandardCharsets.US_ASCII)).addListener(ChannelFutureListener.CLOSE);
    }
}
