package org.facteur.mailserver.queue;

import java.nio.file.Path;
import java.time.Clock;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.ManageableMailQueue;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;

/**
 * The spool and outgoing queues of James: {@link FileMailQueue}s under {@code root} ({@code DataDirectory.queues()}),
 * one fsynced file per waiting mail, no broker and no listener.
 */
public final class FileQueueModule extends AbstractModule {
    private final Path root;

    public FileQueueModule(Path root) {
        this.root = root;
    }

    @Override
    protected void configure() {
        bind(Directory.class).toInstance(new Directory(root));
        bind(Queues.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(Queues queues) {
        return queues.factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(Queues queues) {
        return queues.factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> plainQueues(Queues queues) {
        return queues.factory;
    }

    record Directory(Path root) {
    }

    /** Holds the factory for James's stop (its {@code @PreDestroy} reaches classes Guice builds), which ends the consumers. */
    static final class Queues {
        final FileMailQueueFactory factory;

        @Inject
        Queues(Directory directory, MailQueueItemDecoratorFactory decorators, MetricFactory metrics, GaugeRegistry gauges) {
            this.factory = new FileMailQueueFactory(directory.root(), decorators, metrics, gauges, Clock.systemUTC());
        }

        @PreDestroy
        void close() {
            factory.close();
        }
    }
}
