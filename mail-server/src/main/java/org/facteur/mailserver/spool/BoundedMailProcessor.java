package org.facteur.mailserver.spool;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.MessagingException;

import org.apache.james.mailetcontainer.api.MailProcessor;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each spooled mail through James's processors with a bound on time. A mail that takes longer than the bound, or
 * whose processing breaks with an {@link Error} (a {@link StackOverflowError} in a MIME parser), is moved to the error
 * repository, where an administrator finds it, and the spooler thread goes on to the next mail: without this, a mail
 * that never finishes holds its spooler thread forever, and after as many such mails as threads nobody receives mail.
 * Ordinary exceptions go back to James's spooler, which retries and then stores the mail in the same repository.
 *
 * <p>The processing runs on a worker thread that is interrupted when the bound is reached; a mailet that ignores the
 * interruption may still finish later (for some recipients), which is why the mail is kept, not dropped.
 */
public final class BoundedMailProcessor implements MailProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedMailProcessor.class);
    static final MailRepositoryUrl ERROR_REPOSITORY = MailRepositoryUrl.from("file://var/mail/error/");

    private final MailProcessor delegate;
    private final MailRepositoryStore repositories;
    private final SpoolProgress progress;
    private final Duration timeout;
    private final ExecutorService workers;

    public BoundedMailProcessor(MailProcessor delegate, MailRepositoryStore repositories, SpoolProgress progress,
                                Duration timeout) {
        this.delegate = delegate;
        this.repositories = repositories;
        this.progress = progress;
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "facteur-mail-processing-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        long ticket = progress.begin();
        try {
            Future<?> processing = workers.submit(() -> {
                delegate.service(mail);
                return null;
            });
            try {
                processing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                processing.cancel(true);
                moveAside(mail, "its processing took longer than " + (timeout.toMillis() < 1000 ? timeout.toMillis() + " ms"
                        : timeout.toSeconds() + " s"));
            } catch (InterruptedException e) {
                processing.cancel(true);
                Thread.currentThread().interrupt();
                throw new MessagingException("Interrupted while processing " + mail.getName(), e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof MessagingException m) {
                    throw m;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                moveAside(mail, "its processing failed with " + cause);
            }
        } finally {
            progress.end(ticket);
        }
    }

    private void moveAside(Mail mail, String why) throws MessagingException {
        LOG.error("Mail {} from {} moved to the error repository {}: {}", mail.getName(),
                mail.getMaybeSender().asString(), ERROR_REPOSITORY.asString(), why);
        try {
            mail.setErrorMessage("Moved aside by Facteur: " + why);
            repositories.select(ERROR_REPOSITORY).store(mail);
        } catch (MailRepositoryStore.MailRepositoryStoreException e) {
            throw new MessagingException("Cannot open the error repository", e);
        }
        mail.setState(Mail.GHOST);
        progress.movedAside();
    }

    /** Stops the worker threads (those still running a mail are interrupted). */
    public void close() {
        workers.shutdownNow();
    }
}
