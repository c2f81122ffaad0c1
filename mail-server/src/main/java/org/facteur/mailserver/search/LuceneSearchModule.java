package org.facteur.mailserver.search;

import java.io.File;
import java.io.IOException;

import org.apache.james.events.EventListener;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.modules.mailbox.ReIndexingTaskSerializationModule;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

/** IMAP SEARCH backed by a Lucene index on disk, in {@code <data>/var/store/lucene}. */
public final class LuceneSearchModule extends AbstractModule {

    @Override
    protected void configure() {
        install(new ReIndexingTaskSerializationModule());
        bind(LuceneMessageSearchIndex.class).in(Scopes.SINGLETON);
        bind(SearchIndexCommitter.class).in(Scopes.SINGLETON);
        bind(MessageSearchIndex.class).to(LuceneMessageSearchIndex.class);
        bind(ListeningMessageSearchIndex.class).to(LuceneMessageSearchIndex.class);
        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class)
                .addBinding().to(LuceneMessageSearchIndex.class);
    }

    /** Where the index lives under a data directory. */
    public static java.nio.file.Path indexDirectory(java.nio.file.Path dataDir) {
        return org.facteur.mailserver.DataDirectory.of(dataDir).searchIndex();
    }

    @ProvidesIntoSet
    InitializationOperation startCommitting(SearchIndexCommitter committer) {
        return InitilizationOperationBuilder.forClass(SearchIndexCommitter.class).init(committer::start);
    }

    @Provides
    @Singleton
    Directory indexDirectory(FileSystem fileSystem) throws IOException {
        File dir = indexDirectory(fileSystem.getBasedir().toPath()).toFile();
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create the search index directory " + dir);
        }
        return FSDirectory.open(dir);
    }
}
