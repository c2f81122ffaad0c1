package org.facteur.mailserver.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.inject.Inject;

import org.apache.james.imapserver.netty.IMAPServerFactory;
import org.apache.james.protocols.lib.netty.AbstractConfigurableAsyncServer;
import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.apache.james.utils.GuiceProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes every SMTP and IMAP listener at once. James's own stop unbinds its servers one after the other, and each
 * unbind waits for Netty's graceful shutdown of the server's event loops, which lasts at least their two-second quiet
 * period: ten seconds for Facteur's five listeners, during which a restart waits for the data directory. Unbound
 * together, each still gracefully (connections closed, the loops drained), they take the time of one; James's stop
 * then finds them unbound and goes on with the rest.
 */
public final class ProtocolServers implements GuiceProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolServers.class);

    private final SMTPServerFactory smtp;
    private final IMAPServerFactory imap;

    @Inject
    public ProtocolServers(SMTPServerFactory smtp, IMAPServerFactory imap) {
        this.smtp = smtp;
        this.imap = imap;
    }

    /** Unbinds every listener, all at the same time, and returns once each has finished. */
    public void unbindAll() throws InterruptedException {
        List<AbstractConfigurableAsyncServer> servers = new ArrayList<>();
        servers.addAll(Objects.requireNonNullElse(smtp.getServers(), List.of())); // null before the factory's init
        servers.addAll(Objects.requireNonNullElse(imap.getServers(), List.of()));
        List<Thread> unbinding = new ArrayList<>();
        for (AbstractConfigurableAsyncServer server : servers) {
            unbinding.add(Thread.ofPlatform().name("unbind-" + server.getServiceType()).start(() -> {
                try {
                    server.unbind();
                } catch (RuntimeException e) {
                    LOG.warn("Error while closing the {} listener", server.getServiceType(), e);
                }
            }));
        }
        for (Thread t : unbinding) {
            t.join();
        }
    }
}
