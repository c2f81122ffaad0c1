package org.facteur.mailserver.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.DelayedManageableMailQueueContract;
import org.apache.james.queue.api.DelayedPriorityMailQueueContract;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueue.MailQueueItem.CompletionStatus;
import org.apache.james.queue.api.MailQueueMetricContract;
import org.apache.james.queue.api.MailQueueMetricExtension;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.PriorityManageableMailQueueContract;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.jms.BrokerExtension;
import org.apache.james.server.core.MailImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import reactor.core.publisher.Flux;

/**
 * James's own mail queue contracts (the set James 3.8.1 runs on its ActiveMQ queue) against the spool's queue, on
 * an ActiveMQ broker in this JVM, plus what the reuse of receivers must keep. James's own ActiveMQ test leaves out
 * ten of these contracts. Four are left out here, each with its reason: two fail the same way on James's own queue
 * (checked 2026-12-05 with the same broker and settings), two fail at random about once in a hundred runs on James's
 * queue by James's account; all four are James's enqueue, browse, flush, clear and remove code, which this class does
 * not change. The other six run, the two James found dead-locking (JAMES-2295) and the mixed ack/nack one (JAMES-2544)
 * among them: they take mail out, which this class does. A test that hangs fails after two minutes.
 */
@ExtendWith(BrokerExtension.class)
@Timeout(120)
@Tag(BrokerExtension.STATISTICS)
class ReusedReceiverMailQueueTest implements DelayedManageableMailQueueContract, DelayedPriorityMailQueueContract,
        PriorityManageableMailQueueContract, MailQueueMetricContract {
    private final AtomicLong nanos = new AtomicLong();
    private ActiveMQConnectionFactory connections;
    private ReusedReceiverMailQueue queue;
    private MetricFactory metrics;
    private GaugeRegistry gauges;

    @BeforeEach
    void setUp(BrokerService broker, MailQueueMetricExtension.MailQueueMetricTestSystem metricSystem) {
        connections = new ActiveMQConnectionFactory("vm://localhost?create=false");
        connections.setTrustAllPackages(false);
        ActiveMQPrefetchPolicy prefetch = new ActiveMQPrefetchPolicy();
        prefetch.setQueuePrefetch(0); // as InVmBroker
        connections.setPrefetchPolicy(prefetch);
        metrics = metricSystem.getMetricFactory();
        gauges = metricSystem.getSpyGaugeRegistry();
        queue = new ReusedReceiverMailQueue(connections, new RawMailQueueItemDecoratorFactory(),
                BrokerExtension.generateRandomQueueName(broker), metrics, gauges, System::nanoTime);
    }

    @AfterEach
    void tearDown() {
        queue.dispose();
    }

    @Override
    public MailQueue getMailQueue() {
        return queue;
    }

    @Override
    public ManageableMailQueue getManageableMailQueue() {
        return queue;
    }

    @Test
    @Override
    @Disabled("JAMES-3687: James's JMS queue does not remove delayed mail (removeWithSelector); fails on James's queue too")
    public void delayedEmailsShouldBeDeleted() {
    }

    @Test
    @Override
    @Disabled("JAMES-3687: James's JMS queue does not remove delayed mail (removeWithSelector); fails on James's queue too")
    public void delayedEmailsShouldBeDeletedWhenMixedWithOtherEmails() {
    }

    @Test
    @Override
    @Disabled("JAMES-2308: flushing James's JMS queue re-orders it at random (about 1% of runs by James's account); "
            + "flush is James's code, unchanged here")
    public void flushShouldPreserveBrowseOrder() {
    }

    @Test
    @Override
    @Disabled("JAMES-2312: clearing James's JMS queue can miss messages at random (about 1% of runs by James's account); "
            + "clear is James's code, unchanged here")
    public void clearShouldRemoveAllElements() {
    }

    private ReusedReceiverMailQueue queueOnClock(BrokerService broker) {
        queue.dispose();
        queue = new ReusedReceiverMailQueue(connections, new RawMailQueueItemDecoratorFactory(),
                BrokerExtension.generateRandomQueueName(broker), metrics, gauges, nanos::get);
        return queue;
    }

    /** One message, as the spooler takes them: the next is asked for only once this one is done. */
    private static MailQueueItem take(MailQueue queue) {
        return Flux.from(queue.deQueue()).blockFirst(Duration.ofSeconds(30));
    }

    private static MailImpl mail(String name) throws Exception {
        return MailImpl.builder().name(name).sender("sender@example.org").addRecipient("rcpt@example.org")
                .mimeMessage(org.apache.james.core.builder.MimeMessageBuilder.mimeMessageBuilder()
                        .setSubject(name).setText("Body of " + name).build())
                .build();
    }

    @Test
    void aReceiverWhoseMessageWasDoneTakesTheNext(BrokerService broker) throws Exception {
        ReusedReceiverMailQueue queue = queueOnClock(broker);
        for (int i = 0; i < 30; i++) {
            queue.enQueue(mail("m" + i));
        }
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            MailQueueItem item = take(queue);
            taken.add(item.getMail().getName());
            assertThat(item.getMail().getMessage().getSubject()).isEqualTo(item.getMail().getName());
            item.done(CompletionStatus.SUCCESS);
        }
        assertThat(taken).hasSize(30).doesNotHaveDuplicates();
        assertThat(queue.receiversOpened()).as("one session and consumer for 30 messages taken one after another")
                .isEqualTo(1);
        assertThat(queue.getSize()).isZero();
    }

    @Test
    void aReceiverOlderThanItsSelectorLifetimeIsNotUsedAgain(BrokerService broker) throws Exception {
        ReusedReceiverMailQueue queue = queueOnClock(broker);
        queue.enQueue(mail("first"));
        queue.enQueue(mail("second"));
        queue.enQueue(mail("third"));
        take(queue).done(CompletionStatus.SUCCESS);
        nanos.addAndGet(ReusedReceiverMailQueue.SELECTOR_LIFETIME.toNanos() - 1);
        take(queue).done(CompletionStatus.SUCCESS);
        assertThat(queue.receiversOpened()).isEqualTo(1);
        nanos.addAndGet(ReusedReceiverMailQueue.SELECTOR_LIFETIME.toNanos());
        take(queue).done(CompletionStatus.SUCCESS);
        assertThat(queue.receiversOpened()).as("a selector more than a second old would hide mail that fell due since")
                .isEqualTo(2);
    }

    @Test
    void aMessageGivenBackIsTakenAgainByAnotherReceiver(BrokerService broker) throws Exception {
        ReusedReceiverMailQueue queue = queueOnClock(broker);
        queue.enQueue(mail("given-back"));
        take(queue).done(CompletionStatus.RETRY);
        MailQueueItem again = take(queue);
        assertThat(again.getMail().getName()).isEqualTo("given-back");
        again.done(CompletionStatus.SUCCESS);
        assertThat(queue.receiversOpened()).as("the receiver that gave a message back is closed, as James does")
                .isEqualTo(2);
        assertThat(queue.getSize()).isZero();
    }

    @Test
    void aMessageTakenButNotDoneStaysInTheQueueWhenTheQueueCloses(BrokerService broker) throws Exception {
        ReusedReceiverMailQueue queue = queueOnClock(broker);
        queue.enQueue(mail("in-flight"));
        MailQueueItem item = take(queue);
        assertThat(item.getMail().getName()).isEqualTo("in-flight");
        MailQueueName name = queue.getName();
        queue.dispose(); // as a crash would, before the mailets are done
        queue = new ReusedReceiverMailQueue(connections, new RawMailQueueItemDecoratorFactory(), name, metrics, gauges,
                nanos::get);
        MailQueueItem again = take(queue);
        assertThat(again.getMail().getName()).isEqualTo("in-flight");
        again.done(CompletionStatus.SUCCESS);
    }
}
