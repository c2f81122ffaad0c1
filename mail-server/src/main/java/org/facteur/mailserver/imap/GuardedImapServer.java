package org.facteur.mailserver.imap;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imapserver.netty.IMAPServer;
import org.apache.james.imapserver.netty.ImapMetrics;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.protocols.netty.ChannelHandlerFactory;
import org.facteur.mailserver.login.ReplyTarpit;
import org.facteur.mailserver.net.ConnectionGuards;

/**
 * James's IMAP server with Facteur's connection guards (per-client limit, quiet resets) in front of its framing,
 * the peer address copied into the session ({@link ImapClientAddress.Recorder}), the tarpit of failed logins
 * ({@link ReplyTarpit}), a {@link LiteralGuard} and a {@link CommandSequencer} (one command at a time, so that
 * pipelined commands are checked against the state the command before them left) in front of its request decoder,
 * which reads the whole of a command it refuses ({@link RefusedCommandDecoder}).
 */
final class GuardedImapServer extends IMAPServer {
    /** Key in imapserver.xml (bytes); the same limit James applies, enforced before the continuation. */
    static final String LIMIT_KEY = "facteurLiteralLimit";

    private long literalLimit;
    private ConnectionGuards guards;

    GuardedImapServer(ImapDecoder decoder, ImapEncoder encoder, ImapProcessor processor, ImapMetrics metrics,
                      GaugeRegistry gauges) {
        super(new RefusedCommandDecoder(new MailboxNameCheckingDecoder(decoder)), encoder,
                new SequencedImapProcessor(processor), metrics, gauges);
    }

    @Override
    public void doConfigure(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        super.doConfigure(configuration);
        literalLimit = configuration.getLong(LIMIT_KEY, 50L * 1024 * 1024);
        if (literalLimit <= 0) {
            throw new ConfigurationException(LIMIT_KEY + " must be positive");
        }
        guards = ConnectionGuards.configure(configuration,
                "* BYE Too many connections from your address (at most {limit} at a time); try again later\r\n");
    }

    @Override
    protected ChannelHandlerFactory createFrameHandlerFactory() {
        ChannelHandlerFactory james = super.createFrameHandlerFactory();
        long limit = literalLimit;
        ConnectionGuards g = guards;
        return pipeline -> {
            g.addTo(pipeline);
            AtomicReference<Duration> replyDelay = new AtomicReference<>();
            pipeline.addLast(ReplyTarpit.NAME, new ReplyTarpit(channel -> Optional.ofNullable(replyDelay.getAndSet(null))));
            pipeline.addLast(ImapClientAddress.Recorder.NAME, new ImapClientAddress.Recorder(replyDelay));
            pipeline.addLast("facteur-literal-guard", new LiteralGuard(limit));
            pipeline.addLast(CommandSequencer.NAME, new CommandSequencer());
            return james.create(pipeline);
        };
    }
}
