package org.facteur.mailserver.smtp;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;

import org.apache.james.protocols.netty.CommandInjectionDetectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something after {@code STARTTLS} on its line or in the same packet ({@code STARTTLS x}, or
 * {@code STARTTLS\r\nMAIL FROM:…}, the command injection of CVE-2011-0411). James 3.8.1's framer detects it and
 * throws, but keeps the bytes: every later line, QUIT included, got {@code 451 Unable to process request} with a stack
 * trace in the log, and the connection stayed open until the idle timeout. Facteur answers once with {@code 421} and
 * closes the connection, as nothing read after such a line can be trusted.
 */
final class StartTlsInjection {
    private static final Logger LOG = LoggerFactory.getLogger(StartTlsInjection.class);
    static final String REPLY = "421 4.7.0 Nothing may follow STARTTLS, on its line or in the same packet "
            + "(RFC 3207 section 4); closing the connection\r\n";

    private static final AttributeKey<Boolean> ANSWERED = AttributeKey.valueOf("facteur.startTlsInjectionAnswered");

    private StartTlsInjection() {
    }

    /** Answers and closes when {@code cause} is James's detection; false (nothing done) otherwise. */
    static boolean closeIfDetected(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof CommandInjectionDetectedException)
                && !(cause.getCause() instanceof CommandInjectionDetectedException)) {
            return false;
        }
        if (ctx.channel().attr(ANSWERED).getAndSet(Boolean.TRUE) != null) {
            return true; // James's framer throws once per line still buffered: one answer is enough
        }
        ctx.channel().config().setAutoRead(false);
        LOG.info("Input after STARTTLS from {}: answered 421 and closed", ctx.channel().remoteAddress());
        ctx.writeAndFlush(Unpooled.copiedBuffer(REPLY, StandardCharsets.US_ASCII))
                .addListener(ChannelFutureListener.CLOSE);
        return true;
    }
}
