package org.facteur.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.netty.LineHandlerAware;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

class LongLineInDataTest {
    private final List<Channel> acknowledged = new ArrayList<>();
    private final FakeJames james = new FakeJames();
    private final LongLineInData handler = new LongLineInData(james, acknowledged::add);
    private final EmbeddedChannel connection = new EmbeddedChannel(handler);

    @Test
    void reads_inside_data_are_acknowledged_at_once_and_commands_are_not() {
        read("EHLO client.test\r\n", "MAIL FROM:<a@remote.test>\r\n", "RCPT TO:<b@example.org>\r\n");
        assertThat(acknowledged).as("each command is answered: the answer carries the ACK").isEmpty();

        read("DATA\r\n");
        int afterDataCommand = acknowledged.size();
        read("Subject: hello\r\n", "\r\n", "first lines\r\n");
        assertThat(acknowledged).as("the message goes on: nothing is answered before the final dot")
                .hasSize(afterDataCommand + 1);
        read("last line\r\n");
        assertThat(acknowledged).hasSize(afterDataCommand + 2);

        read(".\r\n");
        read("QUIT\r\n");
        assertThat(acknowledged).as("after the final dot, commands again").hasSize(afterDataCommand + 2);
        assertThat(james.lines).containsExactly("EHLO client.test", "MAIL FROM:<a@remote.test>",
                "RCPT TO:<b@example.org>", "DATA", "Subject: hello", "", "first lines", "last line", ".", "QUIT");
    }

    /** One read of the connection: the framer's lines, then the end of the read. */
    private void read(String... lines) {
        Object[] buffers = new Object[lines.length];
        for (int i = 0; i < lines.length; i++) {
            buffers[i] = Unpooled.copiedBuffer(lines[i], StandardCharsets.US_ASCII);
        }
        connection.writeInbound(buffers);
    }

    /** What James's SMTP handler does with lines: pushes DATA's line handler on DATA, pops it on the final dot. */
    private final class FakeJames extends ChannelInboundHandlerAdapter implements LineHandlerAware {
        final List<String> lines = new ArrayList<>();
        private boolean data;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            String line = ((ByteBuf) msg).toString(StandardCharsets.US_ASCII).strip();
            ((ByteBuf) msg).release();
            lines.add(line);
            if (!data && line.equals("DATA")) {
                data = true;
                handler.pushLineHandler(new ChannelInboundHandlerAdapter());
            } else if (data && line.equals(".")) {
                data = false;
                handler.popLineHandler();
            }
        }

        @Override
        public void pushLineHandler(ChannelInboundHandlerAdapter lineHandler) {
        }

        @Override
        public void popLineHandler() {
        }
    }
}
