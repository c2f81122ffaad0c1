package org.facteur.mailserver.net;

import java.io.IOException;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that resets its connection, or fails its TLS handshake, is the client's business: James 3.8.1 logs each
 * one with a 2 KB stack trace at ERROR (10 MB of log from one scan). This handler, in front of James's, turns them
 * into one line (DEBUG for a reset, INFO for TLS) and closes the connection; every other error goes on to James.
 */
@ChannelHandler.Sharable
final class QuietDisconnects extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(QuietDisconnects.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        Throwable tls = cause instanceof DecoderException && cause.getCause() instanceof SSLException ? cause.getCause()
                : cause instanceof SSLException ? cause : null;
        if (tls != null) {
            LOG.info("TLS with {} failed: {}", client(ctx), tls.getMessage());
            ctx.close();
        } else if (cause instanceof IOException) {
            LOG.debug("Connection from {} ended by the client: {}", client(ctx), cause.getMessage());
            ctx.close();
        } else {
            super.exceptionCaught(ctx, cause);
        }
    }

    private static String client(ChannelHandlerContext ctx) {
        return ClientAddress.text(ctx.channel());
    }
}
