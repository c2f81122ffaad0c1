package org.facteur.mailserver.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.jmx.ManagementContext;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.apache.james.queue.activemq.ActiveMQCacheableMailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.facteur.mailserver.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.codahale.metrics.MetricRegistry;

/**
 * Moves the mail an earlier release left in its ActiveMQ/KahaDB queues ({@link DataDirectory#legacyActiveMqQueues()})
 * into the file queues, before James starts: each waiting mail with its envelope, attributes and remaining delay is
 * written (fsynced) into the queue of the same name (ActiveMQ's dead-letter queue into the spool), then the old
 * directory is removed, once every queue gave as many mails as ActiveMQ counts in it. Otherwise the directory is kept
 * aside as {@link DataDirectory#legacyActiveMqLeftovers()} (never read again, logged). A crash before the removal
 * leaves the old directory, and the next start moves its mail again: a mail may then be delivered twice. The broker
 * opened here lives in this JVM only, listens on nothing, and is stopped before Facteur starts.
 */
public final class LegacyQueueDrain {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyQueueDrain.class);
    private static final String BROKER = "facteur-legacy-queues";

    private LegacyQueueDrain() {
    }

    /**
     * Moves the waiting mail, if any; returns how many mails moved (0 when there was no old queue). Fails, leaving the
     * old queue in place, when it cannot be read.
     */
    public static int drain(DataDirectory data, Clock clock) throws IOException {
        Path legacy = data.legacyActiveMqQueues();
        Path kahaDb = legacy.resolve("brokers/KahaDB");
        if (!Files.isDirectory(kahaDb)) {
            return 0;
        }
        try {
            return drain(data, legacy, kahaDb, clock);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Could not move the mail waiting in the ActiveMQ queues of an earlier release ("
                    + legacy + ") into " + data.queues() + ": " + e.getMessage(), e);
        }
    }

    private static int drain(DataDirectory data, Path legacy, Path kahaDb, Clock clock) throws Exception {
        BrokerService broker = broker(legacy, kahaDb);
        int moved = 0;
        long missing = 0;
        try (FileMailQueueFactory files = new FileMailQueueFactory(data.queues(), new RawMailQueueItemDecoratorFactory(),
                new DropWizardMetricFactory(new MetricRegistry()), new NoopGaugeRegistry(), clock)) {
            ActiveMQConnectionFactory connections = new ActiveMQConnectionFactory("vm://" + BROKER + "?create=false");
            connections.setTrustAllPackages(false);
            ActiveMQPrefetchPolicy prefetch = new ActiveMQPrefetchPolicy();
            prefetch.setQueuePrefetch(0);
            connections.setPrefetchPolicy(prefetch);
            for (ActiveMQDestination destination : broker.getBroker().getDestinations()) {
                if (!destination.isQueue()) {
                    continue;
                }
                long held = broker.getDestination(destination).getDestinationStatistics().getMessages().getCount();
                // Mail ActiveMQ gave up redelivering (its dead-letter queue) was acknowledged too: it goes to the spool.
                boolean deadLetters = destination.getPhysicalName().startsWith("ActiveMQ.");
                MailQueueName name = deadLetters ? MailQueueFactory.SPOOL : MailQueueName.of(destination.getPhysicalName());
                int fromThisOne = move(connections, destination.getPhysicalName(), files.createQueue(name), clock);
                moved += fromThisOne;
                if (fromThisOne < held) {
                    missing += held - fromThisOne;
                    LOG.error("ActiveMQ queue {} of an earlier release held {} mail(s); {} could be read and moved",
                            destination.getPhysicalName(), held, fromThisOne);
                }
            }
        } finally {
            broker.stop();
            broker.waitUntilStopped();
        }
        if (missing > 0) {
            Files.move(legacy, data.legacyActiveMqLeftovers());
            LOG.error("Moved {} waiting mail(s) from the ActiveMQ queues of an earlier release into {}; {} could not be"
                    + " read and stay in {} (not read again; an earlier release started on a copy of it delivers them)",
                    moved, data.queues(), missing, data.legacyActiveMqLeftovers());
            return moved;
        }
        deleteTree(legacy);
        LOG.info("Moved {} waiting mail(s) from the ActiveMQ queues of an earlier release into {}; removed {}", moved,
                data.queues(), legacy);
        return moved;
    }

    /** Writes every mail James's ActiveMQ queue {@code physicalName} can read into {@code target}; how many. */
    private static int move(ActiveMQConnectionFactory connections, String physicalName, FileMailQueue target, Clock clock)
            throws Exception {
        ActiveMQCacheableMailQueue old = new ActiveMQCacheableMailQueue(connections,
                new RawMailQueueItemDecoratorFactory(), MailQueueName.of(physicalName), false,
                new DropWizardMetricFactory(new MetricRegistry()), new NoopGaugeRegistry());
        int moved = 0;
        ManageableMailQueue.MailQueueIterator waiting = old.browse();
        try {
            while (waiting.hasNext()) {
                ManageableMailQueue.MailQueueItemView view;
                try {
                    view = waiting.next();
                } catch (java.util.NoSuchElementException e) {
                    break; // James's browser skips a message it cannot read; the count check above tells
                }
                ZonedDateTime now = ZonedDateTime.now(clock);
                Duration delay = view.getNextDelivery().filter(at -> at.isAfter(now))
                        .map(at -> Duration.between(now, at)).orElse(Duration.ZERO);
                target.enQueue(view.getMail(), delay);
                moved++;
            }
        } finally {
            waiting.close();
            old.dispose();
        }
        return moved;
    }

    private static BrokerService broker(Path legacy, Path kahaDb) throws Exception {
        KahaDBPersistenceAdapter persistence = new KahaDBPersistenceAdapter();
        persistence.setDirectory(kahaDb.toFile());
        BrokerService broker = new BrokerService();
        broker.setBrokerName(BROKER);
        broker.setUseJmx(false);
        ManagementContext management = new ManagementContext();
        management.setCreateConnector(false);
        broker.setManagementContext(management);
        broker.setPersistent(true);
        broker.setDataDirectoryFile(legacy.resolve("brokers").toFile());
        broker.setPersistenceAdapter(persistence);
        broker.setUseShutdownHook(false);
        broker.setSchedulerSupport(false);
        broker.setAdvisorySupport(false);
        broker.start();
        broker.waitUntilStarted();
        return broker;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
