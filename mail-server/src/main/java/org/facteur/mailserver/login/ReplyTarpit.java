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
 */
public final class ReplyTarpit extends ChannelOutboundHandlerAdapter {
    public static final String NAME = "facteur-reply-tarpit";

    private record Held(Object message, ChannelPromise promise) {
    }

    private final Function<Channel, Optional<Duration>> pendingDelay;
    private final ArrayDeque<Held> held = new ArrayDeque<>();

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

    private void release(ChannelHandlerContext ctx) {
        if (ctx.isRemoved()) {
            return;
        }
        while (!held.isEmpty()) {
            Held h = held.poll();
            ctx.write(h.message(), h.promise());
        }
        ctx.flush();
        if (ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        while (!held.isEmpty()) {
            Held h = held.poll();
            ReferenceCountUtil.release(h.message());
            h.promise().tryFailure(new ClosedChannelException());
        }
    }
}
