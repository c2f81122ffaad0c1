package org.facteur.mailserver.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.DelayedManageableMailQueueContract;
import org.apache.james.queue.api.DelayedPriorityMailQueueContract;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueue.MailQueueItem.CompletionStatus;
import org.apache.james.queue.api.MailQueueMetricContract;
import org.apache.james.queue.api.MailQueueMetricExtension;
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
 * ten of these contracts. Five are left out here, each with its reason: two fail the same way on James's own queue
 * (checked 2026-12-05 with the same broker and settings), two fail at random about once in a hundred runs on James's
 * queue by James's account, and the mixed ack/nack one fails in about half the runs on James's queue as here.
 * Flush, clear and remove are James's code, unchanged here; the two delayed-removal tests also take mail out through
 * this class, and fail on James's queue in the same way. The other five run, the two James found dead-locking
 * (JAMES-2295) among them. A test that hangs fails after two minutes.
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

    @Test
    @Override
    @Disabled("JAMES-2544: ten threads giving mail back and taking it at once do not all finish within the minute in"
            + " about half the runs, on James's own queue as on this one (2 of 4 each, alternated, 2026-12-05); James"
            + " leaves it out of its own queue's tests for a deadlock")
    public void concurrentEnqueueDequeueWithAckNackShouldNotFail() {
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

    /** Consumers the broker counts on this queue: receivers in flight or idle, not those closed. */
    private static long consumersOf(BrokerService broker, MailQueue queue) throws Exception {
        return broker.getDestination(new ActiveMQQueue(queue.getName().asString())).getConsumers().size();
    }

    @Test
    void aReceiverWhoseMessageWasDoneTakesTheNext(BrokerService broker) throws Exception {
        ReusedReceiverMailQueue onClock = queueOnClock(broker);
        for (int i = 0; i < 30; i++) {
            onClock.enQueue(mail("m" + i));
        }
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            MailQueueItem item = take(onClock);
            taken.add(item.getMail().getName());
            assertThat(item.getMail().getMessage().getSubject()).isEqualTo(item.getMail().getName());
            item.done(CompletionStatus.SUCCESS);
        }
        assertThat(taken).hasSize(30).doesNotHaveDuplicates();
        assertThat(onClock.receiversOpened()).as("one session and consumer for 30 messages taken one after another")
                .isEqualTo(1);
        assertThat(onClock.getSize()).isZero();
    }

    @Test
    void aReceiverIsTakenAgainOnlyWithinASecondOfItsMaking(BrokerService broker) throws Exception {
        ReusedReceiverMailQueue onClock = queueOnClock(broker);
        for (String name : List.of("first", "second", "third")) {
            onClock.enQueue(mail(name));
        }
        take(onClock).done(CompletionStatus.SUCCESS);
        nanos.addAndGet(ReusedReceiverMailQueue.SELECTOR_LIFETIME.toNanos() - 1);
        take(onClock).done(CompletionStatus.SUCCESS);
        assertThat(onClock.receiversOpened()).isEqualTo(1);
        nanos.addAndGet(2); // a second after it was made, 2 ns after it was last given back
        take(onClock).done(CompletionStatus.SUCCESS);
        assertThat(onClock.receiversOpened()).as("a selector more than a second old would hide mail that fell due since")
                .isEqualTo(2);
        assertThat(consumersOf(broker, onClock)).as("the old receiver is closed, the new one idle").isEqualTo(1);
    }

    @Test
    void idleReceiversTooOldAreClosedWhenAnotherIsTaken(BrokerService broker) throws Exception {
        ReusedReceiverMailQueue onClock = queueOnClock(broker);
        for (String name : List.of("a", "b", "c")) {
            onClock.enQueue(mail(name));
        }
        long lifetime = ReusedReceiverMailQueue.SELECTOR_LIFETIME.toNanos();
        MailQueueItem a = take(onClock); // receiver made at 0
        nanos.set(lifetime / 2);
        MailQueueItem b = take(onClock); // another, made at half the lifetime, since the first is busy
        a.done(CompletionStatus.SUCCESS);
        b.done(CompletionStatus.SUCCESS);
        assertThat(consumersOf(broker, onClock)).isEqualTo(2);
        nanos.set(lifetime + 1); // the first is too old, the second is not
        take(onClock).done(CompletionStatus.SUCCESS);
        assertThat(onClock.receiversOpened()).isEqualTo(2);
        assertThat(consumersOf(broker, onClock)).as("the idle receiver that grew too old is closed").isEqualTo(1);
    }

    @Test
    void aMessageGivenBackIsTakenAgainByAnotherReceiver(BrokerService broker) throws Exception {
        ReusedReceiverMailQueue onClock = queueOnClock(broker);
        onClock.enQueue(mail("given-back"));
        take(onClock).done(CompletionStatus.RETRY);
        MailQueueItem again = take(onClock);
        assertThat(again.getMail().getName()).isEqualTo("given-back");
        again.done(CompletionStatus.SUCCESS);
        assertThat(onClock.receiversOpened()).as("the receiver that gave a message back is closed, as James does")
                .isEqualTo(2);
        assertThat(onClock.getSize()).isZero();
    }

    @Test
    void aSecondDoneDoesNotTouchTheMessageTheReceiverTookNext(BrokerService broker) throws Exception {
        ReusedReceiverMailQueue onClock = queueOnClock(broker);
        onClock.enQueue(mail("one"));
        onClock.enQueue(mail("two"));
        MailQueueItem one = take(onClock);
        one.done(CompletionStatus.SUCCESS);
        MailQueueItem two = take(onClock); // the same receiver
        assertThat(onClock.receiversOpened()).isEqualTo(1);
        one.done(CompletionStatus.SUCCESS); // must not commit "two", taken by the same session since
        one.done(CompletionStatus.RETRY); // nor roll it back
        queueAgainOnTheSameBroker(onClock);
        MailQueueItem stillThere = take(queue);
        assertThat(stillThere.getMail().getName()).as("\"two\" was never committed: it comes back").isEqualTo("two");
        stillThere.done(CompletionStatus.SUCCESS);
        assertThat(two.getMail().getName()).isEqualTo("two");
    }

    @Test
    void aMessageTakenButNotDoneStaysInTheQueueWhenTheQueueCloses(BrokerService broker) throws Exception {
        ReusedReceiverMailQueue onClock = queueOnClock(broker);
        onClock.enQueue(mail("in-flight"));
        MailQueueItem item = take(onClock);
        assertThat(item.getMail().getName()).isEqualTo("in-flight");
        queueAgainOnTheSameBroker(onClock); // its connection closed before the mailets are done with the message
        MailQueueItem again = take(queue);
        assertThat(again.getMail().getName()).isEqualTo("in-flight");
        again.done(CompletionStatus.SUCCESS);
    }

    /** Disposes {@code old} (its connection closes: what it took and did not commit goes back) and opens its queue anew. */
    private void queueAgainOnTheSameBroker(ReusedReceiverMailQueue old) {
        old.dispose();
        queue = new ReusedReceiverMailQueue(connections, new RawMailQueueItemDecoratorFactory(), old.getName(), metrics,
                gauges, nanos::get);
    }
}
