package org.facteur.mailserver.imap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imapserver.netty.NettyConstants;
import org.facteur.mailserver.login.ClientKeys;
import org.facteur.mailserver.login.TrustedNetworks;
import org.facteur.mailserver.net.ClientAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The address an IMAP login is counted against: the connection's peer, or, when the peer is a trusted proxy
 * (the webmail on loopback, a Roundcube host) that named its own client with {@code ID ("x-originating-ip"
 * "…")} before logging in, that client (Dovecot's convention). James's IMAP session does not expose the
 * peer address, so {@link Recorder} copies it from the channel into the session (the client named by a PROXY
 * protocol header, when the listener requires one, see {@link ClientAddress}).
 */
final class ImapClientAddress {
    private static final Logger LOG = LoggerFactory.getLogger(ImapClientAddress.class);
    static final String FORWARDED_FIELD = "x-originating-ip";
    private static final String PEER = "facteur.peer-address";
    private static final String FORWARDED = "facteur.forwarded-address";

    private ImapClientAddress() {
    }

    static InetAddress of(ImapSession session) {
        Object forwarded = session.getAttribute(FORWARDED);
        return (InetAddress) (forwarded != null ? forwarded : session.getAttribute(PEER));
    }

    /** The counted address, for logs. */
    static String text(ImapSession session) {
        InetAddress address = of(session);
        return address == null ? "an unknown address" : address.getHostAddress();
    }

    /** Takes the forwarded client address from ID parameters, if the peer may give one and has not logged in. */
    static void acceptForwarded(ImapSession session, Optional<Map<String, String>> idParameters, TrustedNetworks proxies) {
        Optional<String> value = idParameters.flatMap(fields -> fields.entrySet().stream()
                .filter(field -> FORWARDED_FIELD.equalsIgnoreCase(field.getKey()))
                .map(Map.Entry::getValue)
                .findFirst());
        if (value.isEmpty() || session.getState() != ImapSessionState.NON_AUTHENTICATED) {
            return;
        }
        InetAddress peer = (InetAddress) session.getAttribute(PEER);
        if (!proxies.contains(peer)) {
            LOG.debug("ignoring {} from {}: not a trusted proxy", FORWARDED_FIELD, peer);
            return;
        }
        ClientKeys.parseLiteral(value.get()).ifPresentOrElse(
                client -> session.setAttribute(FORWARDED, client),
                () -> LOG.info("ignoring {} from {}: not an IP address", FORWARDED_FIELD, peer));
    }

    /**
     * Copies the peer address, and the connection's reply delay slot (read by its {@code ReplyTarpit}), into
     * the IMAP session at the connection's first read, then leaves the pipeline: the session map is then
     * only read from the event loop.
     */
    static final class Recorder extends ChannelInboundHandlerAdapter {
        static final String NAME = "facteur-client-address";
        private final AtomicReference<Duration> replyDelay;

        Recorder(AtomicReference<Duration> replyDelay) {
            this.replyDelay = replyDelay;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            ImapSession session = ctx.channel().attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get();
            // The client a trusted proxy named in its PROXY header, else the socket's peer.
            if (session != null && ClientAddress.of(ctx.channel()) instanceof InetSocketAddress peer) {
                session.setAttribute(PEER, peer.getAddress());
                session.setAttribute(ImapLoginGuard.REPLY_DELAY, replyDelay);
                ctx.pipeline().remove(this);
            }
            super.channelRead(ctx, msg);
        }
    }
}
