package org.facteur.mailserver.spool;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Hooks;

/**
 * Keeps the spool's stop out of the error log. When the server stops, James's spooler disposes of the thread that
 * waits for the next queued mail before it cancels its subscription; the wait is interrupted, the queue reports
 * {@code MailQueueException: Unable to dequeue next message} to a subscription without an error handler, and Reactor
 * logged it at ERROR with a stack trace ("Operator called default onErrorDropped") at every stop. Nothing is lost
 * there: the mail being waited for stays queued (JMS rolls its session back). While a server is stopping, that one
 * case is logged in one line at INFO. At any other time it stays an ERROR with its stack trace, as every other dropped
 * error: that subscription has ended, so the queue it read (the spool, or outgoing mail) is no longer read until a
 * restart (it happened once under imaptest's stress, docs/conformance.md).
 */
public final class InterruptedDequeue {
    private static final Logger LOGGER = LoggerFactory.getLogger(InterruptedDequeue.class);
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final AtomicInteger STOPPING = new AtomicInteger();
    private static final int MAX_CAUSES = 16;

    private InterruptedDequeue() {
    }

    /** Installs the JVM-wide Reactor hook once (Reactor's hooks add up when installed again). */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Hooks.onErrorDropped(InterruptedDequeue::dropped);
        }
    }

    /** Runs {@code stop} (a server's stop) with interrupted dequeues expected meanwhile. */
    public static void whileStopping(Runnable stop) {
        STOPPING.incrementAndGet();
        try {
            stop.run();
        } finally {
            STOPPING.decrementAndGet();
        }
    }

    static void dropped(Throwable error) {
        if (STOPPING.get() > 0 && isInterruptedDequeue(error)) {
            LOGGER.info("The spool's wait for queued mail was interrupted by the stop; the mail stays queued ({})",
                    error.getMessage());
        } else {
            LOGGER.error("Operator called default onErrorDropped", error);
        }
    }

    /**
     * Whether {@code error} is a queue's failure to dequeue because its thread was interrupted (Reactor wraps it in
     * {@code ErrorCallbackNotImplemented} when the subscription has no error handler, as the spooler's has not).
     */
    static boolean isInterruptedDequeue(Throwable error) {
        boolean dequeue = false;
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            dequeue |= t instanceof MailQueueException
                    && String.valueOf(t.getMessage()).startsWith("Unable to dequeue");
            if (dequeue && t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }
}
