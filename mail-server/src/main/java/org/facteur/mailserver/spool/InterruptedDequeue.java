package org.facteur.mailserver.spool;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Hooks;

/**
 * Keeps the spool's stop out of the error log. When the server stops, James's spooler disposes of the thread that
 * waits for the next queued mail before it cancels its subscription; the wait is interrupted, the queue reports
 * {@code MailQueueException: Unable to dequeue next message} to a subscription without an error handler, and Reactor
 * logged it at ERROR with a stack trace ("Operator called default onErrorDropped") at every stop. Nothing is lost
 * there: the mail being waited for stays queued (JMS rolls its session back). That one case is logged in one line at
 * INFO (visible should it ever happen while the server runs, as once under imaptest's stress, docs/conformance.md);
 * every other dropped error still at ERROR with its stack trace, as Reactor does.
 */
public final class InterruptedDequeue {
    private static final Logger LOGGER = LoggerFactory.getLogger(InterruptedDequeue.class);
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private InterruptedDequeue() {
    }

    /** Installs the JVM-wide Reactor hook once (Reactor's hooks add up when installed again). */
    public static void quietAtStop() {
        if (INSTALLED.compareAndSet(false, true)) {
            Hooks.onErrorDropped(InterruptedDequeue::dropped);
        }
    }

    static void dropped(Throwable error) {
        if (isInterruptedDequeue(error)) {
            LOGGER.info("The spool's wait for queued mail was interrupted, as when the server stops; the mail stays "
                    + "queued ({})", error.getMessage());
        } else {
            LOGGER.error("Operator called default onErrorDropped", error);
        }
    }

    /**
     * Whether {@code error} is a queue's failure to dequeue because its thread was interrupted (Reactor wraps it in
     * {@code ErrorCallbackNotImplemented} when the subscription has no error handler, as the spooler's has not).
     */
    static boolean isInterruptedDequeue(Throwable error) {
        boolean inQueue = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            inQueue |= t instanceof MailQueueException;
            if (inQueue && t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }
}
