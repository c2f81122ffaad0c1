package org.facteur.mailserver.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;

import jdk.net.ExtendedSocketOptions;

/**
 * Has the kernel acknowledge at once what a connection has read (Linux's {@code TCP_QUICKACK}), for a connection whose
 * command is not complete yet, so that Facteur will not answer soon: an IMAP command with a literal, an SMTP message
 * before its final dot.
 *
 * <p>Why: a client that leaves Nagle's algorithm on (Python's imaplib, Java sockets by default) sends an APPEND literal
 * and the CRLF that ends the command in two writes, or a message and its final dot; Nagle holds the small last write
 * until the one before is acknowledged, and Linux delays that acknowledgement by up to 40 ms on a connection it
 * considers interactive. Every such APPEND took 40–50 ms more on Facteur than on Dovecot (a packet capture showed the
 * server's ACK of the literal 42.5 ms late). Asking for the ACK when a read ends inside a command costs one system call,
 * and only on those reads.
 *
 * <p>Where the option is not supported (another OS, another channel type), nothing happens.
 */
public final class QuickAck {
    private static final ChannelOption<Boolean> TCP_QUICKACK = NioChannelOption.of(ExtendedSocketOptions.TCP_QUICKACK);

    private QuickAck() {
    }

    /** @return whether the kernel took the request */
    public static boolean now(Channel channel) {
        try {
            return channel.config().setOption(TCP_QUICKACK, true);
        } catch (RuntimeException unsupported) {
            // the connection is closing: nothing to acknowledge
            return false;
        }
    }
}
