package org.facteur.mailserver.spool;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.utils.GuiceProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells whether the spooler still moves: mails waiting in the spool queue and the progress of processing. */
public final class SpoolWatch implements GuiceProbe {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolWatch.class);

    private final SpoolProgress progress;
    private final MailQueueFactory<? extends ManageableMailQueue> queues;

    @Inject
    public SpoolWatch(SpoolProgress progress, MailQueueFactory<? extends ManageableMailQueue> queues) {
        this.progress = progress;
        this.queues = queues;
    }

    /** Mails waiting in the spool queue (0 when it cannot be read). */
    public long waiting() {
        try {
            return queues.getQueue(MailQueueFactory.SPOOL).map(q -> {
                try {
                    return q.getSize();
                } catch (Exception e) {
                    LOG.warn("Cannot read the size of the spool queue", e);
                    return 0L;
                }
            }).orElse(0L);
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the spool queue", e);
            return 0L;
        }
    }

    /** Empty while the spooler moves; otherwise why it is stuck, in a sentence. */
    public Optional<String> stall() {
        return progress.stall(waiting());
    }

    public SpoolProgress progress() {
        return progress;
    }
}
