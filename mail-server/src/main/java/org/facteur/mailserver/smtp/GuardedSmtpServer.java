package org.facteur.mailserver.smtp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.Optional;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.ChannelHandlerFactory;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SmtpMetrics;
import org.facteur.mailserver.login.ReplyTarpit;
import org.facteur.mailserver.net.ConnectionGuards;

/**
 * James's SMTP server with Facteur's guards in every connection's pipeline: the connection guards in front of
 * its framing (per-client limit, quiet resets), the {@link ReplyTarpit} that delays the answer to a failed
 * login, and {@link LongLineInData} around its handler (one answer per DATA).
 */
final class GuardedSmtpServer extends SMTPServer {
    static final String REFUSAL = "421 4.7.0 Too many connections from your address (at most {limit} at a time); "
            + "try again later\r\n";

    private ConnectionGuards guards;

    GuardedSmtpServer(SmtpMetrics metrics) {
        super(metrics);
    }

    @Override
    public void doConfigure(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        super.doConfigure(configuration);
        guards = ConnectionGuards.configure(configuration, REFUSAL);
    }

    @Override
    protected ChannelHandlerFactory createFrameHandlerFactory() {
        ChannelHandlerFactory james = super.createFrameHandlerFactory();
        ConnectionGuards g = guards;
        return pipeline -> {
            g.addTo(pipeline);
            pipeline.addLast(ReplyTarpit.NAME, new ReplyTarpit(GuardedSmtpServer::takeReplyDelay));
            return james.create(pipeline);
        };
    }

    @Override
    protected ChannelInboundHandlerAdapter createCoreHandler() {
        return new LongLineInData(super.createCoreHandler());
    }

    private static Optional<Duration> takeReplyDelay(Channel channel) {
        return channel.attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get() instanceof ProtocolSession session
                ? session.removeAttachment(ThrottledAuthCmdHandler.REPLY_DELAY, ProtocolSession.State.Connection)
                : Optional.empty();
    }
}
