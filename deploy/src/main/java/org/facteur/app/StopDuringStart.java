package org.facteur.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stop asked for while Facteur starts (Ctrl-C, SIGTERM from systemd or a container runtime). The JVM then runs its
 * shutdown hooks, Spring's interrupts the start, and the JVM used to halt as soon as the hooks had run: the start's
 * thread had not yet said anything, so the user saw one warning from Spring and no sentence of ours. This holds the
 * JVM's shutdown, by one hook of its own, until the start's thread has said what happened ({@link #startEnded()}), at
 * most {@link #REPORT_WAIT_SECONDS}.
 */
public final class StopDuringStart {
    /** Longer than closing a half-started mail server takes; well within systemd's 60 s stop timeout. */
    static final int REPORT_WAIT_SECONDS = 30;

    /** A compile-time constant, so that tests of the packaged jar can name it. */
    static final String NO_REPORT = "Facteur's start had not ended " + REPORT_WAIT_SECONDS
            + " s after the stop was asked for; stopping anyway.";

    private final CountDownLatch ended = new CountDownLatch(1);

    private StopDuringStart() {
    }

    /** Watches from now on: until {@link #startEnded()}, the JVM's shutdown waits for it. */
    static StopDuringStart watch() {
        StopDuringStart watch = new StopDuringStart();
        Thread hook = Thread.ofPlatform().name("facteur-start-report").unstarted(() -> {
            try {
                if (!watch.ended.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    System.err.println(NO_REPORT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the stop came before this: the start fails at once on Spring's own hook, and says so if it can
        }
        return watch;
    }

    /** The start succeeded or failed, and whatever there was to say has been said: the JVM may halt. */
    void startEnded() {
        ended.countDown();
    }

    /** Whether the JVM is shutting down (its shutdown hooks are running), that is, a stop was asked for. */
    public static boolean stopAskedFor() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(probe);
        } catch (IllegalStateException shuttingDown) { // the stop came in between
            return true;
        }
        return false;
    }
}
