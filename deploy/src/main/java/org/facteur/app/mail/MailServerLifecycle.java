package org.facteur.app.mail;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.facteur.app.config.FacteurProperties;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Starts the embedded mail server before the HTTP server and stops it after, so that SIGTERM or
 * Ctrl-C shut Facteur down cleanly. The start begins as soon as this bean exists, on its own thread, while Spring
 * creates the webmail's beans on the other core; {@link #start()}, the lifecycle phase before the web server's, waits
 * for it, so nothing is served before the mail server is (Spring's last second of start-up now overlaps it).
 */
@Component
public class MailServerLifecycle implements SmartLifecycle, DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(MailServerLifecycle.class);
    /** Before the web server (which starts at Integer.MAX_VALUE - 1). */
    public static final int PHASE = 0;

    private final MailServerSettings settings;
    private final CompletableFuture<FacteurMailServer> starting;
    private final AtomicBoolean handedOver = new AtomicBoolean();
    private volatile FacteurMailServer server;

    public MailServerLifecycle(FacteurProperties properties, MeterRegistry meters) {
        this.settings = properties.toMailServerSettings();
        this.starting = new CompletableFuture<>();
        Thread.ofPlatform().name("mail-server-start").start(() -> {
            try {
                starting.complete(FacteurMailServer.start(settings, meters));
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        });
    }

    @Override
    public void start() {
        handedOver.set(true);
        try {
            server = starting.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("The mail server could not start: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the mail server was starting", e);
        }
    }

    /**
     * When the context fails before {@link #start()} (a bad webmail setting), the mail server started all the same; when
     * it fails after (the HTTP port taken), Spring may not stop the lifecycle beans it started. Closed here in both
     * cases, so that the listeners and the data directory go with the context; after {@link #stop()}, nothing.
     */
    @Override
    public void destroy() {
        if (handedOver.compareAndSet(false, true)) {
            try {
                starting.join().close();
            } catch (CompletionException | CancellationException e) {
                // it did not start: nothing to close
            }
        } else {
            stop();
        }
    }

    @Override
    public synchronized void stop() {
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
