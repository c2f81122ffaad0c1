package org.facteur.mailserver.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.netty.channel.Channel;

import org.apache.james.imapserver.netty.HAProxyMessageHandler;
import org.apache.james.protocols.api.ProxyInformation;

/**
 * The client of a connection as Facteur's handlers must see it: the address a trusted proxy named in its PROXY
 * protocol header ({@link ProxyProtocolGate}), else the socket's peer. Kept in James's own channel attribute, which
 * James's IMAP server also reads for its logs.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    /** The client's address and port; null only for a channel that has no peer address. */
    public static InetSocketAddress of(Channel channel) {
        ProxyInformation proxied = channel.attr(HAProxyMessageHandler.PROXY_INFO).get();
        if (proxied != null) {
            return proxied.getSource();
        }
        SocketAddress peer = channel.remoteAddress();
        return peer instanceof InetSocketAddress inet ? inet : null;
    }

    /** The client's IP address as text, for logs. */
    public static String text(Channel channel) {
        InetSocketAddress client = of(channel);
        return client == null ? String.valueOf(channel.remoteAddress()) : client.getAddress().getHostAddress();
    }

    static void setProxied(Channel channel, ProxyInformation information) {
        channel.attr(HAProxyMessageHandler.PROXY_INFO).set(information);
    }
}
