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
    void heldRepliesAreReleasedWhenTheConnectionDrops() {
        pending.set(Duration.ofSeconds(4));
        ByteBuf reply = line("535 5.7.8 wrong");
        ChannelFuture write = channel.writeAndFlush(reply);
        channel.unsafe().close(channel.newPromise()); // the peer went away: no close through the pipeline
        channel.runPendingTasks();
        assertThat(reply.refCnt()).isZero();
        assertThat(write.isSuccess()).isFalse();
    }

    @Test
    void aCloseWaitsForTheHeldRepliesSoTheClientReadsThemFirst() {
        // The third failed LOGIN: James answers NO and BYE, then asks to close at once.
        pending.set(Duration.ofSeconds(2));
        channel.writeAndFlush(line("a3 NO [AUTHENTICATIONFAILED] wrong"));
        channel.writeAndFlush(line("* BYE Too many failures"));
        ChannelFuture close = channel.pipeline().close(); // as James does; EmbeddedChannel.close() would cancel timers
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        assertThat(close.isDone()).isFalse();

        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(read()).isEqualTo("a3 NO [AUTHENTICATIONFAILED] wrong\r\n");
        assertThat(read()).isEqualTo("* BYE Too many failures\r\n");
        assertThat(close.isSuccess()).isTrue();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aCloseWaitsAMomentForTheRepliesWrittenJustAfterIt() {
        // LOGOUT in James 3.8.1: the close is asked for, then the BYE and the tagged OK are flushed.
        ChannelFuture close = channel.pipeline().close(); // as James does; EmbeddedChannel.close() would cancel timers
        channel.writeAndFlush(line("* BYE IMAP4rev1 Server logging out"));
        channel.writeAndFlush(line("a9 OK LOGOUT completed."));
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isTrue();

        channel.advanceTimeBy(ReplyTarpit.CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(read()).isEqualTo("* BYE IMAP4rev1 Server logging out\r\n");
        assertThat(read()).isEqualTo("a9 OK LOGOUT completed.\r\n");
        assertThat(close.isSuccess()).isTrue();
        assertThat(channel.isOpen()).isFalse();
    }
}
