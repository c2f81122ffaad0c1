package org.facteur.mailserver.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;

import org.facteur.mailserver.LogCapture;
import org.junit.jupiter.api.Test;

/** The gate on a Netty channel with Netty's PROXY decoder in front, as James 3.8.1 builds it. */
class ProxyProtocolGateTest {
    static final ClientNetworks TRUSTED = ClientNetworks.parse(List.of("127.0.0.1/32"));

    /** Counts what reaches the handlers behind the gate. */
    static final class Behind extends ChannelInboundHandlerAdapter {
        int active;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            active++;
        }
    }

    static final class Connection extends EmbeddedChannel {
        private final InetSocketAddress peer;

        Connection(String peer, Behind behind) throws Exception {
            super(false, false, new HAProxyMessageDecoder(), new ProxyProtocolGate(TRUSTED, false), behind);
            this.peer = new InetSocketAddress(peer, 40000);
            register();
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return peer;
        }
    }

    @Test
    void aTrustedProxyThatSendsNoHeaderIsClosedAfterTheDeadlineWithALogLine() throws Exception {
        Behind behind = new Behind();
        try (LogCapture log = LogCapture.capture()) {
            Connection c = new Connection("127.0.0.1", behind);
            c.advanceTimeBy(ProxyProtocolGate.DEADLINE.toSeconds() - 1, TimeUnit.SECONDS);
            c.runScheduledPendingTasks();
            assertThat(c.isOpen()).as("still waiting for the header").isTrue();
            c.advanceTimeBy(2, TimeUnit.SECONDS);
            c.runScheduledPendingTasks();
            assertThat(c.isOpen()).isFalse();
            assertThat(log.messagesOf(ProxyProtocolGate.class.getName()))
                    .anyMatch(m -> m.contains("no PROXY protocol header within 10 s"));
        }
        assertThat(behind.active).as("never announced").isZero();
    }

    @Test
    void aHeaderAnnouncesTheConnectionWithTheClientItNames() throws Exception {
        Behind behind = new Behind();
        Connection c = new Connection("127.0.0.1", behind);
        assertThat(behind.active).isZero();
        c.writeInbound(Unpooled.wrappedBuffer(ProxyHeaders.v2("203.0.113.9", 50000, 143)));
        assertThat(behind.active).isOne();
        assertThat(ClientAddress.of(c)).isEqualTo(new InetSocketAddress("203.0.113.9", 50000));
        c.advanceTimeBy(1, TimeUnit.MINUTES);
        c.runScheduledPendingTasks();
        assertThat(c.isOpen()).as("no deadline once the header came").isTrue();
        c.finishAndReleaseAll();
    }

    @Test
    void anUntrustedPeerIsClosedAtOnce() throws Exception {
        Behind behind = new Behind();
        Connection c = new Connection("127.0.0.2", behind);
        assertThat(c.isOpen()).isFalse();
        assertThat(behind.active).isZero();
    }
}
