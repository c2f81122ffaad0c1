package org.facteur.mailserver.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;

/**
 * {@link FileMailQueue}s, one directory each under {@code root} (the queue's name, URL-encoded). A queue is opened,
 * and the mail a previous process left in it taken in, when James first asks for it by name, as with James's own
 * queues. One timer thread wakes every queue's delayed mail.
 */
public final class FileMailQueueFactory implements MailQueueFactory<FileMailQueue>, AutoCloseable {
    private final Path root;
    private final MailQueueItemDecoratorFactory decorators;
    private final MetricFactory metrics;
    private final GaugeRegistry gauges;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mail-queue-timer");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentHashMap<MailQueueName, FileMailQueue> queues = new ConcurrentHashMap<>();

    public FileMailQueueFactory(Path root, MailQueueItemDecoratorFactory decorators, MetricFactory metrics,
                                GaugeRegistry gauges, Clock clock) {
        this.root = root;
        this.decorators = decorators;
        this.metrics = metrics;
        this.gauges = gauges;
        this.clock = clock;
    }

    @Override
    public Optional<FileMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return Optional.ofNullable(queues.get(name));
    }

    @Override
    public FileMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return queues.computeIfAbsent(name, n -> {
            try {
                return new FileMailQueue(n, root.resolve(URLEncoder.encode(n.asString(), StandardCharsets.UTF_8)),
                        decorators, metrics, gauges, clock, timer);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open mail queue " + n.asString() + " under " + root, e);
            }
        });
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return Set.copyOf(queues.keySet());
    }

    /** Ends the consumers' streams and stops the timer; queued mail stays on disk. */
    @Override
    public void close() {
        queues.values().forEach(FileMailQueue::dispose);
        timer.shutdownNow();
    }
}
