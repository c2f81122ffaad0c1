package org.facteur.mailserver.login;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

/**
 * Delays the reply to a failed login without holding a thread: when the protocol session carries a delay
 * (set by the login code just before it answers), everything written to the client is held back for that
 * long, in order, and the connection is not read meanwhile, so a guesser on one connection cannot go faster
 * than the replies. One instance per connection, in the pipeline before the TLS handler.
 *
 * <p>It also keeps the last replies from being cut off by a close: James 3.8.1 asks to close the connection
 * (after LOGOUT, after a BYE for an unknown command or the third failed login) as soon as its reply is queued,
 * and over TLS the close regularly overtook that reply, so clients saw the connection drop without {@code * BYE}
 * or the tagged OK (#15.5). A close waits until held replies are out, and a short moment for replies written
 * just after the close was asked for.
 */
public final class ReplyTarpit extends ChannelOutboundHandlerAdapter {
    public static final String NAME = "facteur-reply-tarpit";

    private record Held(Object message, ChannelPromise promise) {
    }

    /** How long a close waits for replies that James writes just after asking for it. */
    static final long CLOSE_GRACE_MILLIS = 50;

    private final Function<Channel, Optional<Duration>> pendingDelay;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final ArrayDeque<ChannelPromise> closes = new ArrayDeque<>();

    /** @param pendingDelay takes (reads and clears) the delay the session asks for, if any */
    public ReplyTarpit(Function<Channel, Optional<Duration>> pendingDelay) {
        this.pendingDelay = pendingDelay;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (held.isEmpty()) {
            Optional<Duration> delay = pendingDelay.apply(ctx.channel()).filter(d -> !d.isNegative() && !d.isZero());
            if (delay.isEmpty()) {
                ctx.write(msg, promise);
                return;
            }
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(() -> release(ctx), delay.get().toMillis(), TimeUnit.MILLISECONDS);
        }
        held.add(new Held(msg, promise));
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (held.isEmpty()) {
            ctx.flush();
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        closes.add(promise);
        if (closes.size() == 1 && held.isEmpty()) {
            ctx.executor().schedule(() -> closeWhenReplied(ctx), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void closeWhenReplied(ChannelHandlerContext ctx) {
        if (ctx.isRemoved() || !held.isEmpty()) {
            return; // release() closes once the held replies are written
        }
        ctx.flush();
        while (!closes.isEmpty()) {
            ctx.close(closes.poll());
        }
    }

    private void release(ChannelHandlerContext ctx) {
        if (ctx.isRemoved()) {
            return;
        }
        while (!held.isEmpty()) {
            Held h = held.poll();
            ctx.write(h.message(), h.promise());
        }
        ctx.flush();
        if (!closes.isEmpty()) {
            closeWhenReplied(ctx);
        } else if (ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        while (!closes.isEmpty()) {
            closes.poll().trySuccess();
        }
        while (!held.isEmpty()) {
            Held h = held.poll();
            ReferenceCountUtil.release(h.message());
            h.promise().tryFailure(new ClosedChannelException());
        }
    }
}
