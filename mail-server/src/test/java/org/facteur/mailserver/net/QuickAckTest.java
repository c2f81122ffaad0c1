package org.facteur.mailserver.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * James's IMAP and SMTP servers accept connections as Netty NIO channels: on Linux the kernel must take the quick-ACK request
 * on such a channel, or the APPEND stall it removes would silently come back.
 */
class QuickAckTest {
    @Test
    void linux_takes_the_request_on_an_accepted_nio_connection() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "TCP_QUICKACK is Linux's");
        NioEventLoopGroup loop = new NioEventLoopGroup(1);
        CompletableFuture<Boolean> taken = new CompletableFuture<>();
        try {
            Channel server = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel accepted) {
                            accepted.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    io.netty.util.ReferenceCountUtil.release(msg);
                                    taken.complete(QuickAck.now(ctx.channel()));
                                }
                            });
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            Channel client = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .handler(new ChannelInboundHandlerAdapter()).connect(server.localAddress()).sync().channel();
            client.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer("a1 APPEND INBOX {5}\r\nhel".getBytes())).sync();

            assertThat(taken.get(10, TimeUnit.SECONDS)).isTrue();
            client.close().sync();
            server.close().sync();
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
