package org.facteur.mailserver.lists;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.mailet.MailetContext;
import org.facteur.lists.ListService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every minute, expires held posts nobody decided on and tells their posters, probes the members suspended for
 * bounces whose probe is due (resuming those whose probe did not bounce in time), and sends the owners' weekly bounce
 * summaries when they are due.
 */
public final class HeldPostExpiry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeldPostExpiry.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "facteur-held-post-expiry");
        t.setDaemon(true);
        return t;
    });

    public HeldPostExpiry(ListService lists, MailetContext context, Duration period) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                ListMailSender.send(context, lists.expireHeldPosts());
            } catch (Exception e) {
                LOG.warn("Could not expire held list posts; will retry", e);
            }
            try {
                ListMailSender.send(context, lists.probeSuspendedMembers());
            } catch (Exception e) {
                LOG.warn("Could not probe list members suspended for bounces; will retry", e);
            }
            try {
                ListMailSender.send(context, lists.sendDueBounceSummaries());
            } catch (Exception e) {
                LOG.warn("Could not send the owners' weekly bounce summaries; will retry", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
