package org.facteur.mailserver.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.api.Test;

class ReplyTarpitTest {
    private final AtomicReference<Duration> pending = new AtomicReference<>();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    ReplyTarpitTest() {
        channel.freezeTime();
        channel.pipeline().addLast(new ReplyTarpit(ch -> Optional.ofNullable(pending.getAndSet(null))));
    }

    private static ByteBuf line(String text) {
        return Unpooled.copiedBuffer(text + "\r\n", StandardCharsets.US_ASCII);
    }

    private String read() {
        ByteBuf out = channel.readOutbound();
        if (out == null) {
            return null;
        }
        try {
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }

    @Test
    void repliesPassStraightThroughWithoutADelay() {
        channel.writeAndFlush(line("250 OK"));
        assertThat(read()).isEqualTo("250 OK\r\n");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void theReplyAfterAFailureWaitsAndSoDoesEverythingAfterItInOrderWhileReadingPauses() {
        pending.set(Duration.ofSeconds(2));
        ChannelFuture failure = channel.writeAndFlush(line("535 5.7.8 wrong"));
        channel.writeAndFlush(line("250 later"));
        assertThat(read()).isNull();
        assertThat(failure.isDone()).isFalse();
        assertThat(channel.config().isAutoRead()).isFalse();

        channel.advanceTimeBy(1999, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(read()).isNull();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(read()).isEqualTo("535 5.7.8 wrong\r\n");
        assertThat(read()).isEqualTo("250 later\r\n");
        assertThat(failure.isSuccess()).isTrue();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void heldRepliesAreReleasedWhenTheConnectionGoes() {
        pending.set(Duration.ofSeconds(4));
        ByteBuf reply = line("535 5.7.8 wrong");
        ChannelFuture write = channel.writeAndFlush(reply);
        channel.close();
        assertThat(reply.refCnt()).isZero();
        assertThat(write.isSuccess()).isFalse();
    }
}
