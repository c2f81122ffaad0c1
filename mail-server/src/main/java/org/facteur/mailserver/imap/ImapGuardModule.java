package org.facteur.mailserver.imap;

import javax.inject.Provider;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imapserver.netty.IMAPServerFactory;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * Overrides James's IMAP server factory so that every IMAP listener gets the {@link LiteralGuard} and the
 * login tarpit, and James's command set with Facteur's throttled logins ({@link FacteurImapPackage}).
 */
public final class ImapGuardModule extends AbstractModule {

    @Provides
    @Singleton
    IMAPServerFactory serverFactory(FileSystem fileSystem, Provider<ImapDecoder> decoder, Provider<ImapEncoder> encoder,
                                    Provider<ImapProcessor> processor, MetricFactory metrics, GaugeRegistry gauges) {
        return new GuardedImapServerFactory(fileSystem, decoder, encoder, processor, metrics, gauges);
    }

    @Provides
    @Singleton
    ImapPackage commands() {
        return new FacteurImapPackage();
    }
}
