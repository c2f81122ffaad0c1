package org.facteur.app.mail;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.facteur.app.StopDuringStart;
import org.facteur.app.config.FacteurProperties;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
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
    static final String STOPPED = "A stop was asked for while the mail server was starting";
    /** How often {@link #start()}, waiting, looks whether a stop was asked for. */
    private static final long STOP_CHECK_MILLIS = 200;

    private final MailServerSettings settings;
    private final CompletableFuture<FacteurMailServer> starting;
    /** The started server has been closed (by {@link #stop()} or {@link #destroy()}); guarded by {@code this}. */
    private boolean closed;
    /** {@link #start()} threw the start's failure, so Spring reports it. */
    private volatile boolean failureReported;
    /** {@link #destroy()} interrupted a start still going on: its failure is expected, not worth a warning. */
    private volatile boolean abandoned;
    private volatile FacteurMailServer server;
    private final Thread starter;
    private final BooleanSupplier stopAskedFor;

    @Autowired // the one Spring uses; the other is for tests
    public MailServerLifecycle(FacteurProperties properties, MeterRegistry meters) {
        this(properties, meters, StopDuringStart::stopAskedFor);
    }

    /** {@code stopAskedFor}: whether the JVM is shutting down (a stand-in in tests). */
    MailServerLifecycle(FacteurProperties properties, MeterRegistry meters, BooleanSupplier stopAskedFor) {
        this.stopAskedFor = stopAskedFor;
        this.settings = properties.toMailServerSettings();
        this.starting = new CompletableFuture<>();
        this.starter = Thread.ofPlatform().name("mail-server-start").start(() -> {
            try {
                starting.complete(FacteurMailServer.start(settings, meters));
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        });
    }

    @Override
    public void start() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The mail server was stopped; it does not start again in this context");
            }
        }
        try {
            server = waitForTheStart();
        } catch (ExecutionException e) {
            failureReported = true;
            Throwable cause = e.getCause();
            throw new IllegalStateException("The mail server could not start: " + cause.getMessage(), cause);
        } catch (InterruptedException e) { // Spring's shutdown hook interrupts a start-up it finds stuck
            Thread.currentThread().interrupt();
            throw new IllegalStateException(STOPPED, e);
        }
    }

    /**
     * The started server. Gives up when a stop was asked for: Spring's shutdown hook interrupts a start only when it
     * finds its thread in an untimed wait at that very moment (not this timed one, nor still creating beans), and
     * otherwise waits for the whole start (up to the 60 s wait for another Facteur's data directory) before stopping.
     */
    private FacteurMailServer waitForTheStart() throws ExecutionException, InterruptedException {
        while (true) {
            try {
                return starting.get(STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillStarting) {
                if (stopAskedFor.getAsBoolean()) {
                    throw new IllegalStateException(STOPPED);
                }
            }
        }
    }

    @Override
    public void stop() {
        FacteurMailServer s = server;
        server = null;
        if (s != null && closeOnce(s)) {
            LOG.info("Mail server stopped");
        }
    }

    /**
     * Closes the server the start produced unless {@link #stop()} did: when the context fails before {@link #start()}
     * (a bad webmail setting) the mail server started all the same; when {@link #start()} was interrupted (a stop
     * signal during start-up) it went on starting; when the context fails after (the HTTP port taken) Spring may not
     * stop the lifecycle beans it started. So that its listeners and the data directory go with the context. A start
     * still going on is interrupted first (a Ctrl-C while it waits for another Facteur to stop ends that wait).
     */
    @Override
    public void destroy() {
        // Called on the thread Spring's shutdown hook may have interrupted: closing (unbinding listeners, stopping
        // the indexer, the connection pool) must not see that interrupt, which is given back afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            if (!starting.isDone()) {
                abandoned = true;
                starter.interrupt(); // a start still waiting (for the data directory, up to 60 s) gives up
            }
            FacteurMailServer started;
            try {
                started = starting.join();
            } catch (CompletionException | CancellationException e) {
                if (!failureReported && !abandoned) {
                    LOG.warn("The mail server could not start either: {}", String.valueOf(e.getCause()));
                }
                return;
            }
            server = null;
            if (closeOnce(started)) {
                LOG.info("Mail server stopped");
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized boolean closeOnce(FacteurMailServer started) {
        if (closed) {
            return false;
        }
        closed = true;
        started.close();
        return true;
    }

    /** Whether the background start has ended, either way (for tests). */
    boolean startEnded() {
        return starting.isDone();
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
