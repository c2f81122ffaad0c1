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
import org.apache.james.queue.jms.JMSSupport;
import org.facteur.mailserver.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.codahale.metrics.MetricRegistry;

/**
 * Moves the mail an earlier release left in its ActiveMQ/KahaDB queues ({@link DataDirectory#legacyActiveMqQueues()})
 * into the file queues, before James starts: each waiting mail with its envelope, attributes and remaining delay is
 * written (fsynced) into the queue of the same name (ActiveMQ's dead-letter queue into the spool) and only then taken
 * out of KahaDB, one transaction per mail; then the old directory is removed when no queue holds anything more.
 * Otherwise (mail that cannot be read) it is kept aside under {@link DataDirectory#legacyActiveMqLeftovers()}
 * (logged, never read again, holding only what did not move). A crash leaves the old directory with what had not
 * moved yet, and the next start goes on (the mail in flight at the crash may be delivered twice). The broker
 * opened here lives in this JVM only, listens on nothing, and is stopped before Facteur starts.
 */
public final class LegacyQueueDrain {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyQueueDrain.class);
    private static final String BROKER = "facteur-legacy-queues";
    private static final long RECEIVE_MILLIS = 2000;

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
                long left = broker.getDestination(destination).getDestinationStatistics().getMessages().getCount();
                if (left > 0) {
                    missing += left;
                    LOG.error("ActiveMQ queue {} of an earlier release held {} mail(s); {} moved, {} could not be read",
                            destination.getPhysicalName(), held, fromThisOne, left);
                }
            }
        } finally {
            broker.stop();
            broker.waitUntilStopped();
        }
        if (missing > 0) {
            Path aside = data.legacyActiveMqLeftovers().resolve(Long.toString(clock.millis()));
            Files.createDirectories(aside.getParent());
            Files.move(legacy, aside);
            LOG.error("Moved {} waiting mail(s) from the ActiveMQ queues of an earlier release into {}; {} could not be"
                    + " read and stay in {} (never read again; the mail moved is no longer in it)",
                    moved, data.queues(), missing, aside);
            return moved;
        }
        deleteTree(legacy);
        LOG.info("Moved {} waiting mail(s) from the ActiveMQ queues of an earlier release into {}; removed {}", moved,
                data.queues(), legacy);
        return moved;
    }

    /**
     * Takes every mail out of the ActiveMQ queue {@code physicalName} and writes it into {@code target}, one
     * transaction per mail: received, written (fsynced), then committed, so a mail leaves KahaDB only once it is in
     * its file (a crash in between leaves it in both: delivered twice, never lost). A browse would not do: ActiveMQ
     * shows a browser at most a page (400) of a queue. A message that cannot be read is given back and left there.
     * Returns how many mails moved.
     */
    private static int move(ActiveMQConnectionFactory connections, String physicalName, FileMailQueue target, Clock clock)
            throws Exception {
        Readable old = new Readable(connections, MailQueueName.of(physicalName));
        int moved = 0;
        javax.jms.Connection connection = connections.createConnection();
        try {
            connection.start();
            javax.jms.Session session = connection.createSession(true, javax.jms.Session.SESSION_TRANSACTED);
            javax.jms.MessageConsumer consumer = session.createConsumer(session.createQueue(physicalName));
            java.util.Set<String> unreadable = new java.util.HashSet<>();
            for (javax.jms.Message message = consumer.receive(RECEIVE_MILLIS); message != null;
                 message = consumer.receive(RECEIVE_MILLIS)) {
                org.apache.mailet.Mail mail;
                try {
                    mail = old.mailOf(message);
                } catch (Exception e) {
                    session.rollback();
                    if (!unreadable.add(message.getJMSMessageID())) {
                        break; // every message left was tried and could not be read
                    }
                    LOG.error("A mail in the ActiveMQ queue {} of an earlier release cannot be read ({}); it stays there",
                            physicalName, e.toString());
                    continue;
                }
                long due = message.propertyExists(JMSSupport.JAMES_NEXT_DELIVERY)
                        ? message.getLongProperty(JMSSupport.JAMES_NEXT_DELIVERY) : 0;
                long now = clock.millis();
                target.enQueue(mail, due > now ? Duration.ofMillis(due - now) : Duration.ZERO);
                session.commit();
                moved++;
            }
            consumer.close();
            session.close();
        } finally {
            connection.close();
            old.dispose();
        }
        return moved;
    }

    /** James's own reading of its JMS messages into mails (bodies inside the messages, as the earlier releases wrote). */
    private static final class Readable extends ActiveMQCacheableMailQueue {
        Readable(ActiveMQConnectionFactory connections, MailQueueName name) {
            super(connections, new RawMailQueueItemDecoratorFactory(), name, false,
                    new DropWizardMetricFactory(new MetricRegistry()), new NoopGaugeRegistry());
        }

        org.apache.mailet.Mail mailOf(javax.jms.Message message) throws Exception {
            return createMail(message);
        }
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
