package org.facteur.mailserver.imap;

import javax.inject.Provider;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imapserver.netty.IMAPServer;
import org.apache.james.imapserver.netty.IMAPServerFactory;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;

/** Creates {@link GuardedImapServer}s instead of plain James IMAP servers. */
public final class GuardedImapServerFactory extends IMAPServerFactory {
    /**
     * The longest command line James reads ({@code maxLineLength} in {@code imapserver.xml}), and so the longest tag
     * Facteur's handlers in front of James keep.
     */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    public GuardedImapServerFactory(FileSystem fileSystem, Provider<ImapDecoder> decoder, Provider<ImapEncoder> encoder,
                                    Provider<ImapProcessor> processor, MetricFactory metricFactory, GaugeRegistry gauges) {
        super(fileSystem, decoder, encoder, processor, metricFactory, gauges);
    }

    @Override
    protected IMAPServer createServer() {
        return new GuardedImapServer(decoder.get(), encoder.get(), processor.get(), imapMetrics, gaugeRegistry);
    }
}
