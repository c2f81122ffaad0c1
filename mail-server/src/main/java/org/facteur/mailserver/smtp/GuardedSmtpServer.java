package org.facteur.mailserver.smtp;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.protocols.netty.ChannelHandlerFactory;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SmtpMetrics;
import org.facteur.mailserver.net.ConnectionGuards;

import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * James's SMTP server with Facteur's connection guards in front of its framing (per-client limit, quiet resets) and
 * {@link LongLineInData} around its handler (one answer per DATA).
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
            return james.create(pipeline);
        };
    }

    @Override
    protected ChannelInboundHandlerAdapter createCoreHandler() {
        return new LongLineInData(super.createCoreHandler());
    }
}
