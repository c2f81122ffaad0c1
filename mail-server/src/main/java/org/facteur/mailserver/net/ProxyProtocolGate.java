package org.facteur.mailserver.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.ReferenceCountUtil;

import org.apache.james.protocols.api.ProxyInformation;
import org.facteur.mailserver.login.ClientKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a listener that requires the PROXY protocol ({@code FACTEUR_PROXY_PROTOCOL}), lets a connection reach Facteur's
 * other handlers and James only once a trusted proxy has said whose connection it is. Sits right after James's
 * PROXY header decoder (Netty's, v1 and v2), in front of TLS on implicit-TLS ports:
 * <ul>
 * <li>a peer outside the trusted proxies ({@code FACTEUR_TRUSTED_PROXIES}) is closed at once, before any greeting;</li>
 * <li>a connection whose first bytes are not a PROXY header, or that sends none within {@link #DEADLINE}, is closed;</li>
 * <li>a header for TCP over IPv4 or IPv6 names the client: it is recorded on the channel ({@link ClientAddress}: the
 * per-IP limit, the IMAP login throttle, Facteur's and James's IMAP logs) before the connection is announced to the
 * handlers behind, and passed on to James's SMTP handler, which gives it to its session (Received headers, the AUTH
 * throttle, relaying);</li>
 * <li>a {@code LOCAL} header (HAProxy's health checks) or {@code PROXY UNKNOWN} (the webmail in this process) means
 * the proxy speaks for itself: the socket's peer stays the client.</li>
 * </ul>
 * The connection is announced ({@code channelActive}) only after the header, so James's greeting follows it. One
 * instance per connection.
 */
final class ProxyProtocolGate extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocolGate.class);
    static final Duration DEADLINE = Duration.ofSeconds(10);

    private final ClientNetworks trustedProxies;
    private final boolean passToJames;
    private final Duration deadline;
    private ScheduledFuture<?> timeout;
    private boolean announced;
    private boolean closing;

    /**
     * @param passToJames whether James's handler behind reads the header itself (SMTP's does; IMAP's reads the
     *                    channel attribute this gate sets, and the handler that would read the header is replaced)
     */
    ProxyProtocolGate(ClientNetworks trustedProxies, boolean passToJames) {
        this(trustedProxies, passToJames, DEADLINE);
    }

    ProxyProtocolGate(ClientNetworks trustedProxies, boolean passToJames, Duration deadline) {
        this.trustedProxies = trustedProxies;
        this.passToJames = passToJames;
        this.deadline = deadline;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress peer = peer(ctx);
        if (peer == null || !trustedProxies.contains(peer.getAddress())) {
            LOG.warn("Refused a connection from {} on port {}: this port requires the PROXY protocol "
                    + "(FACTEUR_PROXY_PROTOCOL) and accepts it only from FACTEUR_TRUSTED_PROXIES", text(peer), localPort(ctx));
            close(ctx);
            return;
        }
        timeout = ctx.executor().schedule(() -> {
            if (!announced && ctx.channel().isActive()) {
                LOG.warn("Closed the connection from {} on port {}: no PROXY protocol header within {} s "
                        + "(FACTEUR_PROXY_PROTOCOL is on: connect through the proxy)", text(peer), localPort(ctx),
                        deadline.toSeconds());
                close(ctx);
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (announced) {
            super.channelRead(ctx, msg);
            return;
        }
        if (!(msg instanceof HAProxyMessage header)) {
            ReferenceCountUtil.release(msg);
            if (!closing) {
                LOG.warn("Closed the connection from {} on port {}: data before its PROXY protocol header",
                        text(peer(ctx)), localPort(ctx));
                close(ctx);
            }
            return;
        }
        boolean passedOn = false;
        try {
            ProxyInformation client = proxied(header);
            if (client != null) {
                ClientAddress.setProxied(ctx.channel(), client);
                LOG.debug("Connection from {} through the proxy {}", client.getSource().getAddress().getHostAddress(),
                        text(peer(ctx)));
            }
            announce(ctx);
            if (client != null && passToJames) {
                // SMTP: James's handler runs on its own executor, after the announcement; it sets the session's
                // ProxyInformation from the header itself (and releases it).
                passedOn = true;
                ctx.fireChannelRead(header);
            }
        } finally {
            if (!passedOn) {
                header.release();
            }
        }
    }

    /** The client a header names, or null when the proxy speaks for itself (LOCAL, UNKNOWN). */
    private static ProxyInformation proxied(HAProxyMessage header) {
        if (header.command() != HAProxyCommand.PROXY
                || (header.proxiedProtocol() != HAProxyProxiedProtocol.TCP4 && header.proxiedProtocol() != HAProxyProxiedProtocol.TCP6)) {
            return null;
        }
        InetAddress source = ClientKeys.parseLiteral(header.sourceAddress()).orElseThrow(
                () -> new HAProxyProtocolException("source is not an IP address: " + header.sourceAddress()));
        InetAddress destination = ClientKeys.parseLiteral(header.destinationAddress()).orElseThrow(
                () -> new HAProxyProtocolException("destination is not an IP address: " + header.destinationAddress()));
        return new ProxyInformation(new InetSocketAddress(source, header.sourcePort()),
                new InetSocketAddress(destination, header.destinationPort()));
    }

    private void announce(ChannelHandlerContext ctx) {
        announced = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (announced) {
            super.channelInactive(ctx);
        } else if (!closing) {
            // A plain TCP check (HAProxy without check-send-proxy, Facteur's own /health) connects and leaves.
            LOG.debug("Connection from {} closed before its PROXY protocol header", text(peer(ctx)));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (announced) {
            super.exceptionCaught(ctx, cause);
            return;
        }
        if (!closing) {
            Throwable why = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            LOG.warn("Closed the connection from {} on port {}: it did not begin with a PROXY protocol header "
                    + "(FACTEUR_PROXY_PROTOCOL is on: connect through the proxy): {}", text(peer(ctx)), localPort(ctx),
                    why.getMessage());
        }
        close(ctx);
    }

    private void close(ChannelHandlerContext ctx) {
        closing = true;
        ctx.close();
    }

    private static InetSocketAddress peer(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet : null;
    }

    private static Object localPort(ChannelHandlerContext ctx) {
        return ctx.channel().localAddress() instanceof InetSocketAddress inet ? inet.getPort() : ctx.channel().localAddress();
    }

    private static String text(InetSocketAddress address) {
        return address == null ? "an unknown address" : address.getAddress().getHostAddress();
    }
}
