package org.facteur.app.mail;

import java.util.Optional;

import org.facteur.app.config.FacteurProperties;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Starts the embedded mail server before the HTTP server and stops it after, so that SIGTERM or
 * Ctrl-C shut Facteur down cleanly.
 */
@Component
public class MailServerLifecycle implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(MailServerLifecycle.class);
    /** Before the web server (which starts at Integer.MAX_VALUE - 1). */
    public static final int PHASE = 0;

    private final MailServerSettings settings;
    private final MeterRegistry meters;
    private volatile FacteurMailServer server;

    public MailServerLifecycle(FacteurProperties properties, MeterRegistry meters) {
        this.settings = properties.toMailServerSettings();
        this.meters = meters;
    }

    @Override
    public void start() {
        try {
            server = FacteurMailServer.start(settings, meters);
        } catch (Exception e) {
            throw new IllegalStateException("The mail server could not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        FacteurMailServer s = server;
        server = null;
        if (s != null) {
            s.close();
            LOG.info("Mail server stopped");
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    public Optional<FacteurMailServer> server() {
        return Optional.ofNullable(server);
    }

    public MailServerSettings settings() {
        return settings;
    }
}
