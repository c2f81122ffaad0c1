package org.facteur.mailserver.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.apache.james.queue.activemq.ActiveMQCacheableMailQueue;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.facteur.mailserver.DataDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.codahale.metrics.MetricRegistry;

import reactor.core.publisher.Flux;

/**
 * A data directory of a release that queued mail in ActiveMQ/KahaDB (written here the way it did: James's ActiveMQ
 * queue, bodies inside the JMS messages, KahaDB under {@code var/store/activemq/brokers/KahaDB}) has its waiting mail
 * moved into the file queues, each in the queue of its name (ActiveMQ's dead letters into the spool), delays kept, and
 * the old directory removed.
 */
@Timeout(120)
class LegacyQueueDrainTest {
    private static final int BACKLOG = 600;
    @TempDir
    Path tmp;

    @Test
    void waitingMailMovesToTheFileQueuesWithItsDelayAndTheOldQueueGoes() throws Exception {
        DataDirectory data = DataDirectory.of(tmp.resolve("data"));
        BrokerService broker = oldBroker(data);
        try {
            ActiveMQConnectionFactory connections = new ActiveMQConnectionFactory("vm://james?create=false");
            ActiveMQCacheableMailQueue spool = oldQueue(connections, "spool");
            spool.enQueue(mail("first", "list-id", "members@example.org"));
            spool.enQueue(mail("second", "list-id", "other@example.org"));
            for (int i = 0; i < BACKLOG; i++) { // more than the 400 an ActiveMQ browser sees
                spool.enQueue(mail("backlog-" + i, "list-id", "members@example.org"));
            }
            ActiveMQCacheableMailQueue outgoing = oldQueue(connections, "outgoing");
            MailImpl retry = mail("retry", "RemoteDelivery.retries", 2);
            retry.setState("error");
            outgoing.enQueue(retry, Duration.ofHours(2));
            ActiveMQCacheableMailQueue deadLetters = oldQueue(connections, "ActiveMQ.DLQ");
            deadLetters.enQueue(mail("given-up", "list-id", "members@example.org"));
            spool.dispose();
            outgoing.dispose();
            deadLetters.dispose();
        } finally {
            broker.stop();
            broker.waitUntilStopped();
        }

        assertThat(LegacyQueueDrain.drain(data, Clock.systemUTC())).isEqualTo(4 + BACKLOG);

        assertThat(data.legacyActiveMqQueues()).doesNotExist();
        try (FileMailQueueFactory files = new FileMailQueueFactory(data.queues(), new RawMailQueueItemDecoratorFactory(),
                new DropWizardMetricFactory(new MetricRegistry()), new NoopGaugeRegistry(), Clock.systemUTC())) {
            FileMailQueue spool = files.createQueue(MailQueueName.of("spool"));
            List<String> names = new ArrayList<>();
            assertThat(spool.getSize()).isEqualTo(3 + BACKLOG);
            for (int i = 0; i < 3 + BACKLOG; i++) {
                MailQueueItem item = Flux.from(spool.deQueue()).blockFirst(Duration.ofSeconds(30));
                names.add(item.getMail().getName());
                assertThat(item.getMail().getMessage().getSubject()).isEqualTo(item.getMail().getName());
                assertThat(item.getMail().getAttribute(AttributeName.of("list-id"))).isPresent();
                item.done(MailQueueItem.CompletionStatus.SUCCESS);
            }
            assertThat(names).as("the spool's mail in order, and the dead letters, in the spool")
                    .containsSubsequence("first", "second", "backlog-0", "backlog-" + (BACKLOG - 1)).contains("given-up")
                    .doesNotHaveDuplicates();

            FileMailQueue outgoing = files.createQueue(MailQueueName.of("outgoing"));
            assertThat(outgoing.getSize()).isEqualTo(1);
            ManageableMailQueue.MailQueueItemView waiting = outgoing.browse().next();
            assertThat(waiting.getMail().getName()).isEqualTo("retry");
            assertThat(waiting.getMail().getState()).isEqualTo("error");
            assertThat(waiting.getMail().getAttribute(AttributeName.of("RemoteDelivery.retries")))
                    .map(a -> (Object) a.getValue().getValue()).contains(2);
            assertThat(waiting.getNextDelivery()).hasValueSatisfying(at -> assertThat(at)
                    .isAfter(ZonedDateTime.now().plusMinutes(110)).isBefore(ZonedDateTime.now().plusMinutes(121)));
        }
    }

    @Test
    void withoutAnOldQueueNothingHappens() throws Exception {
        DataDirectory data = DataDirectory.of(tmp.resolve("data"));
        assertThat(LegacyQueueDrain.drain(data, Clock.systemUTC())).isZero();
        assertThat(data.queues()).doesNotExist();
    }

    /** The broker as releases until 2026-12-06 ran it (KahaDB, fsync on every write, in-VM only). */
    private static BrokerService oldBroker(DataDirectory data) throws Exception {
        Path legacy = data.legacyActiveMqQueues();
        Files.createDirectories(legacy);
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setJournalDiskSyncStrategy("always");
        kahaDb.setDirectory(legacy.resolve("brokers/KahaDB").toFile());
        BrokerService broker = new BrokerService();
        broker.setBrokerName("james");
        broker.setUseJmx(false);
        broker.setPersistent(true);
        broker.setDataDirectoryFile(legacy.resolve("brokers").toFile());
        broker.setPersistenceAdapter(kahaDb);
        broker.setUseShutdownHook(false);
        broker.setSchedulerSupport(false);
        broker.setAdvisorySupport(false);
        broker.start();
        broker.waitUntilStarted();
        return broker;
    }

    private static ActiveMQCacheableMailQueue oldQueue(ActiveMQConnectionFactory connections, String name) {
        return new ActiveMQCacheableMailQueue(connections, new RawMailQueueItemDecoratorFactory(), MailQueueName.of(name),
                false, new DropWizardMetricFactory(new MetricRegistry()), new NoopGaugeRegistry());
    }

    private static MailImpl mail(String name, String attribute, Object value) throws Exception {
        return MailImpl.builder().name(name).sender("sender@example.org").addRecipient("rcpt@example.org")
                .addAttribute(new Attribute(AttributeName.of(attribute), AttributeValue.ofAny(value)))
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject(name).setText("Body of " + name).build())
                .build();
    }
}
