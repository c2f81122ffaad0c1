package org.facteur.mailserver.net;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code limit} simultaneous connections per client address on one listener, like Postfix's
 * {@code smtpd_client_connection_count_limit}; clients in the exempt networks (loopback by default: the webmail opens
 * one IMAP connection per web session from 127.0.0.1) are not counted. A connection over the limit gets the
 * protocol's refusal line and is closed before James sees it (no greeting, no session). Shared by all connections of
 * one listener.
 */
@ChannelHandler.Sharable
final class ConnectionsPerClient extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionsPerClient.class);
    private static final AttributeKey<String> COUNTED_AS = AttributeKey.valueOf("facteur.connections.countedAs");
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("facteur.connections.refused");

    private final int limit;
    private final ClientNetworks exempt;
    private final String refusal;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    /** @param refusal the line sent to a refused client, CRLF included */
    ConnectionsPerClient(int limit, ClientNetworks exempt, String refusal) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
        this.exempt = exempt;
        this.refusal = refusal;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress client = ClientAddress.of(ctx.channel()).getAddress();   // the proxied client behind a PROXY header
        if (exempt.contains(client)) {
            super.channelActive(ctx);
            return;
        }
        String key = client.getHostAddress();
        int count = open.merge(key, 1, Integer::sum);
        ctx.channel().attr(COUNTED_AS).set(key);
        if (count <= limit) {
            super.channelActive(ctx);
            return;
        }
        ctx.channel().attr(REFUSED).set(Boolean.TRUE);
        if (count == limit + 1) {
            LOG.info("Refusing connections from {}: it already has {} open (limit {})", key, limit, limit);
        } else {
            LOG.debug("Refused connection {} from {}", count, key);
        }
        if (ctx.pipeline().get(SslHandler.class) != null) {
            ctx.close();   // no handshake was made: nothing readable can be said
        } else {
            ctx.writeAndFlush(Unpooled.copiedBuffer(refusal, StandardCharsets.US_ASCII)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        String key = ctx.channel().attr(COUNTED_AS).getAndSet(null);
        if (key != null) {
            open.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
        }
        if (!refused(ctx)) {
            super.channelInactive(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refused(ctx)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (refused(ctx)) {
            ctx.close();
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    private static boolean refused(ChannelHandlerContext ctx) {
        return Boolean.TRUE.equals(ctx.channel().attr(REFUSED).get());
    }
}
