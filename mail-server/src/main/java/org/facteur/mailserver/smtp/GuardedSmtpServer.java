package org.facteur.mailserver.smtp;

import java.time.Duration;
import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.ChannelHandlerFactory;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SmtpMetrics;
import org.facteur.mailserver.login.ReplyTarpit;

import io.netty.channel.Channel;

/** James's SMTP server with Facteur's {@link ReplyTarpit} in every connection's pipeline. */
final class GuardedSmtpServer extends SMTPServer {

    GuardedSmtpServer(SmtpMetrics metrics) {
        super(metrics);
    }

    @Override
    protected ChannelHandlerFactory createFrameHandlerFactory() {
        ChannelHandlerFactory james = super.createFrameHandlerFactory();
        return pipeline -> {
            pipeline.addLast(ReplyTarpit.NAME, new ReplyTarpit(GuardedSmtpServer::takeReplyDelay));
            return james.create(pipeline);
        };
    }

    private static Optional<Duration> takeReplyDelay(Channel channel) {
        return channel.attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get() instanceof ProtocolSession session
                ? session.removeAttachment(ThrottledAuthCmdHandler.REPLY_DELAY, ProtocolSession.State.Connection)
                : Optional.empty();
    }
}
