package org.facteur.mailserver.search;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's Lucene index only commits when it is closed, so a crash loses every document indexed since
 * the start. This commits once a second; what a crash can still lose is repaired at the next start
 * (see {@link SearchIndexRecovery}).
 */
public final class SearchIndexCommitter implements org.apache.james.lifecycle.api.Startable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexCommitter.class);

    private final LuceneMessageSearchIndex index;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "search-index-commit");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public SearchIndexCommitter(LuceneMessageSearchIndex index) {
        this.index = index;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::commit, 1, 1, TimeUnit.SECONDS);
    }

    private void commit() {
        try {
            index.commit();
        } catch (AlreadyClosedException e) {
            scheduler.shutdown();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not commit the search index", e);
        }
    }

    @PreDestroy
    public void stop() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commit();
    }
}
