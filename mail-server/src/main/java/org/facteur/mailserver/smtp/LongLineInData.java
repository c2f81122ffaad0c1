package org.facteur.mailserver.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.LineHandlerAware;
import org.apache.james.protocols.smtp.SMTPSession;
import org.facteur.mailserver.net.QuickAck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;

/**
 * James's SMTP connection handler, except for a line longer than the framer's limit inside DATA. James answers
 * {@code 500 Line length exceeded} at once, drops the line and goes on reading the message, then answers 250 for the
 * same DATA: two answers, and a message stored without the line. Here the line only marks the transaction, and
 * {@link LongLineRefusalHook} refuses the message at its end: one answer per DATA. Long command lines keep James's
 * 500. DATA mode is known by watching James push a line handler while it handles a {@code DATA} line (it pushes
 * one for AUTH continuations too). Input after STARTTLS closes the connection ({@link StartTlsInjection}). Delegates
 * everything else to James's handler, which it replaces in the pipeline.
 *
 * <p>When a read ends inside DATA, what was read is acknowledged at once ({@link QuickAck}): a client with Nagle on that
 * writes the final dot on its own waits for that ACK (a 5 KB message took 55 ms instead of 16).
 */
final class LongLineInData extends ChannelInboundHandlerAdapter implements LineHandlerAware {
    private static final Logger LOG = LoggerFactory.getLogger(LongLineInData.class);

    private final ChannelInboundHandlerAdapter james;
    private final LineHandlerAware jamesLines;
    /** Line handlers James pushed (DATA, AUTH continuations) and has not popped yet. */
    private int pushed;
    /** Whether the line handler James pushed is DATA's: the message is being read. */
    private boolean inData;
    private final Consumer<Channel> acknowledgeNow;

    LongLineInData(ChannelInboundHandlerAdapter james) {
        this(james, channel -> QuickAck.now(channel));
    }

    /** {@code acknowledgeNow} is called when a read ends inside DATA. */
    LongLineInData(ChannelInboundHandlerAdapter james, Consumer<Channel> acknowledgeNow) {
        this.james = james;
        this.jamesLines = (LineHandlerAware) james;
        this.acknowledgeNow = acknowledgeNow;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        james.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        james.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        int before = pushed;
        boolean dataCommand = before == 0 && msg instanceof ByteBuf line && line.readableBytes() <= 16
                && line.toString(StandardCharsets.US_ASCII).strip().equalsIgnoreCase("DATA");
        james.channelRead(ctx, msg);
        if (dataCommand && pushed > before) {
            inData = true;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (inData) {
            acknowledgeNow.accept(ctx.channel());   // no answer before the final dot: the client may wait for the ACK
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (StartTlsInjection.closeIfDetected(ctx, cause)) {
            return;
        }
        Optional<SMTPSession> data = cause instanceof TooLongFrameException ? sessionInData(ctx) : Optional.empty();
        if (data.isPresent()) {
            if (data.get().getAttachment(LongLineRefusalHook.LINE_TOO_LONG, ProtocolSession.State.Transaction).isEmpty()) {
                LOG.info("A line over {} bytes in a message from {}: it will be refused at the end of DATA",
                        LongLineRefusalHook.MAX_LINE, data.get().getRemoteAddress().getAddress().getHostAddress());
            }
            data.get().setAttachment(LongLineRefusalHook.LINE_TOO_LONG, Boolean.TRUE, ProtocolSession.State.Transaction);
            return;
        }
        james.exceptionCaught(ctx, cause);
    }

    private Optional<SMTPSession> sessionInData(ChannelHandlerContext ctx) {
        Object session = inData ? ctx.channel().attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get() : null;
        return session instanceof SMTPSession smtp ? Optional.of(smtp) : Optional.empty();
    }

    @Override
    public void pushLineHandler(ChannelInboundHandlerAdapter lineHandler) {
        pushed++;
        jamesLines.pushLineHandler(lineHandler);
    }

    @Override
    public void popLineHandler() {
        if (pushed > 0) {
            pushed--;
        }
        if (pushed == 0) {
            inData = false;
        }
        jamesLines.popLineHandler();
    }
}
