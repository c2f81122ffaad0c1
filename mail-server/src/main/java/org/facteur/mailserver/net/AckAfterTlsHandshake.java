package org.facteur.mailserver.net;

import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;

/**
 * Acknowledges at once what a connection reads while its TLS handshake is under way ({@link QuickAck}).
 *
 * <p>Why: a TLS 1.3 client ends its handshake with two records, often in two writes (Java's sends a
 * {@code ChangeCipherSpec} for middleboxes, then its {@code Finished}), and the server has nothing to answer to either,
 * so Linux delays its ACK by up to 40 ms. A client that leaves Nagle's algorithm on (Java's sockets by default: Jakarta
 * Mail, so the webmail's own connections) holds what it writes next until that ACK comes: every session after
 * STARTTLS, and every implicit-TLS session, waited 40–45 ms before its first command reached the server
 * (docs/benchmark.md, "The 40 ms after the TLS handshake"). One system call per read during a handshake (the one that ends it included), none after.
 * One instance per connection; it leaves the pipeline once the handshake is over.
 */
public final class AckAfterTlsHandshake extends ChannelInboundHandlerAdapter {
    public static final String NAME = "facteur-tls-handshake-acks";

    private final Consumer<Channel> acknowledgeNow;

    public AckAfterTlsHandshake() {
        this(QuickAck::now);
    }

    /** {@code acknowledgeNow} is called after each read during a handshake. */
    AckAfterTlsHandshake(Consumer<Channel> acknowledgeNow) {
        this.acknowledgeNow = acknowledgeNow;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls != null) {
            // The read that ends the handshake is acknowledged too: the server may have nothing to send after it.
            acknowledgeNow.accept(ctx.channel());
        }
        super.channelReadComplete(ctx);
        if (tls != null && tls.handshakeFuture().isDone() && !ctx.isRemoved()) {
            ctx.pipeline().remove(this); // nothing left to do on this connection
        }
    }
}
