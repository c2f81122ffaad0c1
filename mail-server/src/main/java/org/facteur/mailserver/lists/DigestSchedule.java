package org.facteur.mailserver.lists;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.mailet.MailetContext;
import org.facteur.lists.ListService;
import org.facteur.lists.digest.DigestSender;
import org.facteur.lists.store.DigestIssue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends lists' digests: every {@code period} the ones that are due (daily time, or enough posts waiting), and any list's
 * at once when the administrator asks ({@code facteur admin list digest LIST}). The mails go to James's spool inside the
 * store's transaction, so a digest that reached the spool has taken its posts, and one that did not has left them.
 */
public final class DigestSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DigestSchedule.class);

    private final ListService lists;
    private final DigestSender spool;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "facteur-list-digests");
        t.setDaemon(true);
        return t;
    });

    public DigestSchedule(ListService lists, MailetContext context, Duration period) {
        this.lists = lists;
        this.spool = mails -> ListMailSender.send(context, mails);
        timer.scheduleWithFixedDelay(this::sendDue, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The list's digest, now; empty when no post waited for it (nothing sent). */
    public Optional<DigestIssue> sendNow(String list) {
        return lists.sendDigest(list, spool);
    }

    private void sendDue() {
        try {
            List<DigestIssue> sent = lists.sendDueDigests(spool);
            if (!sent.isEmpty()) {
                LOG.info("Sent {} list digests", sent.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not look for due list digests; will retry", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
