package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;

class CommandSequencerTest {
    private final List<Channel> acknowledged = new ArrayList<>();
    private final EmbeddedChannel connection = new EmbeddedChannel(new CommandSequencer(acknowledged::add));

    @Test
    void a_read_that_ends_inside_an_append_is_acknowledged_at_once_and_passed_on_unchanged() {
        read("a1 APPEND INBOX {5}\r\n");
        assertThat(acknowledged).as("the command line announces a literal: the command goes on").hasSize(1);
        read("hello");
        assertThat(acknowledged).as("the literal without the CRLF that ends the command").hasSize(2);
        read("\r\n");
        assertThat(acknowledged).as("the command is complete: its answer carries the ACK").hasSize(2);

        assertThat(passedOn()).isEqualTo("a1 APPEND INBOX {5}\r\nhello\r\n");
    }

    @Test
    void complete_commands_are_not_acknowledged_early() {
        read("a1 NOOP\r\na2 APPEND INBOX {+3}\r\nabc\r\n");
        read("a3 CAPABILITY\r\n");

        assertThat(acknowledged).isEmpty();
        assertThat(passedOn()).isEqualTo("a1 NOOP\r\na2 APPEND INBOX {+3}\r\nabc\r\na3 CAPABILITY\r\n");
    }

    @Test
    void a_command_line_split_over_two_reads_is_acknowledged_after_the_first() {
        read("a1 SEL");
        read("ECT INBOX\r\n");

        assertThat(acknowledged).hasSize(1);
        assertThat(passedOn()).isEqualTo("a1 SELECT INBOX\r\n");
    }

    private void read(String bytes) {
        connection.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
    }

    private String passedOn() {
        StringBuilder all = new StringBuilder();
        for (ByteBuf buf = connection.readInbound(); buf != null; buf = connection.readInbound()) {
            all.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
        }
        return all.toString();
    }
}
