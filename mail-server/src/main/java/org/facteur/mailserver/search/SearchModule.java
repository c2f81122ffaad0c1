package org.facteur.mailserver.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.events.EventListener;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.facteur.mailserver.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/** IMAP SEARCH and SORT on Facteur's own index, kept in {@code <data>/var/store/search}. */
public final class SearchModule extends AbstractModule {
    private static final Logger LOG = LoggerFactory.getLogger(SearchModule.class);

    private final boolean indexing;

    public SearchModule() {
        this(true);
    }

    /** {@code indexing} false: the index is kept as it is, nothing is added to it ({@code FACTEUR_SEARCH_INDEXING}). */
    public SearchModule(boolean indexing) {
        this.indexing = indexing;
    }

    @Override
    protected void configure() {
        bind(MessageSearchIndex.class).to(FacteurSearchIndex.class);
        bind(ListeningMessageSearchIndex.class).to(FacteurSearchIndex.class);
        bind(Lifecycle.class).asEagerSingleton();
        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class)
                .addBinding().to(FacteurSearchIndex.class);
    }

    @Provides
    @Singleton
    FacteurSearchIndex searchIndex(MailboxSessionMapperFactory store, SessionProvider sessions, FileSystem fileSystem) throws IOException {
        DataDirectory data = DataDirectory.of(fileSystem.getBasedir().toPath());
        removeRetiredIndex(data.retiredSearchIndex());
        Path dir = data.searchIndex();
        Files.createDirectories(dir);
        return new FacteurSearchIndex(store, sessions, new MessageIndex(dir), indexing);
    }

    @ProvidesIntoSet
    InitializationOperation startIndexing(Lifecycle lifecycle) {
        return InitilizationOperationBuilder.forClass(Lifecycle.class).init(lifecycle::start);
    }

    /**
     * Starts the background indexing once James is up, and closes the index when James stops (a class Guice
     * constructs: James's {@code @PreDestroy} handling does not see what a {@code @Provides} method returns).
     */
    public static final class Lifecycle implements org.apache.james.lifecycle.api.Startable {
        private final FacteurSearchIndex index;

        @Inject
        public Lifecycle(FacteurSearchIndex index) {
            this.index = index;
        }

        void start() {
            index.start();
        }

        @PreDestroy
        public void stop() {
            try {
                index.close();
            } catch (IOException e) {
                LOG.warn("Closing the search index failed; it is compared with the store at the next start", e);
            }
        }
    }

    /** Release 0.1 and the first SQL store kept James's Lucene 3.6 index here; it is of no use any more. */
    private static void removeRetiredIndex(Path retired) throws IOException {
        if (delete(retired)) {
            LOG.info("Removed the old search index {}; every message is indexed again in the background", retired);
        }
    }

    /**
     * Removes the search index of a data directory whose store was replaced (./facteur migrate, a restore): the next
     * start indexes every message again from the store, in the background (and the lists' archive index from the
     * database, before the server accepts mail).
     */
    public static void removeIndex(DataDirectory data) throws IOException {
        delete(data.searchIndex());
        delete(data.listArchiveIndex());
        delete(data.retiredSearchIndex());
    }

    private static boolean delete(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return true;
    }
}
