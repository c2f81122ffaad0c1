package org.facteur.mailserver.queue;

import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.Session;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQCacheableMailQueue;
import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's ActiveMQ mail queue, taking mail out with transacted sessions and consumers that are used again. James
 * 3.8.1 opens a session and a consumer for every message it takes out and closes them when the message is done;
 * ActiveMQ then parses the consumer's selector each time (it carries the current time) and exchanges several commands
 * with the broker: a quarter of a delivery's CPU went to the broker (docs/benchmark.md). Here a receiver whose
 * message was committed goes back to a pool and takes the next one.
 *
 * <p>What does not change: a message is taken inside a transaction that commits when the mailets are done with it,
 * so a crash before then leaves it in the queue; a message given back ({@code RETRY}) or one whose commit fails is
 * rolled back and its receiver closed, as James does, so the broker hands it out again with its redelivery count.
 * The selector lets through messages due at the time the consumer was made ({@code JAMES_NEXT_DELIVERY <= t}):
 * a receiver is taken again only within {@link #SELECTOR_LIFETIME} of that time. A delayed message (remote
 * delivery's retries) that falls due while a receiver waits is taken when that receive ends (within its 10 s) or by
 * the next receiver, as in James, where a waiting consumer also keeps its selector through its 10 s receive; the
 * worst case is one second longer than James's.
 */
final class ReusedReceiverMailQueue extends ActiveMQCacheableMailQueue {
    static final Duration SELECTOR_LIFETIME = Duration.ofSeconds(1);
    private static final long RECEIVE_TIMEOUT_MS = 10_000;

    private final Deque<Receiver> idle = new ConcurrentLinkedDeque<>();
    private final Flux<MailQueueItem> items = Mono.defer(this::takeOne).repeat();
    private final AtomicLong receiversOpened = new AtomicLong();
    private final LongSupplier nanoClock;
    private volatile boolean disposed;

    ReusedReceiverMailQueue(ConnectionFactory connections, MailQueueItemDecoratorFactory decorators, MailQueueName name,
                            MetricFactory metrics, GaugeRegistry gauges, LongSupplier nanoClock) {
        super(connections, decorators, name, false, metrics, gauges);
        this.nanoClock = nanoClock;
    }

    @Override
    public Flux<MailQueueItem> deQueue() {
        return items;
    }

    /** How many sessions with a consumer this queue opened to take mail out (what the pool saves). */
    long receiversOpened() {
        return receiversOpened.get();
    }

    private Mono<MailQueueItem> takeOne() {
        Receiver receiver = null;
        try {
            receiver = receiver();
            Message message = receiver.consumer.receive(RECEIVE_TIMEOUT_MS);
            if (message == null) {
                receiver.close(); // its selector's time is old by now
                return Mono.empty();
            }
            dequeuedMailsMetric.increment();
            Mail mail = createMail(message);
            return Mono.just(mailQueueItemDecoratorFactory.decorate(new Item(mail, receiver), queueName));
        } catch (Exception e) {
            if (receiver != null) {
                receiver.discard();
            }
            // the same words as James's queue: InterruptedDequeue recognises them when a server stops
            return Mono.error(new MailQueueException("Unable to dequeue next message", e));
        }
    }

    /** An idle receiver whose selector is recent enough, else a new one; idle receivers too old are closed. */
    private Receiver receiver() throws JMSException {
        Receiver receiver;
        while ((receiver = idle.pollFirst()) != null) {
            if (recent(receiver)) {
                closeOldIdle();
                return receiver;
            }
            receiver.close();
        }
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            long made = nanoClock.getAsLong();
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName.asString()),
                    getMessageSelector());
            receiversOpened.incrementAndGet();
            return new Receiver(session, consumer, made);
        } catch (JMSException | RuntimeException e) {
            closeSession(session);
            throw e;
        }
    }

    /** Receivers pile up at the tail when fewer messages are in flight than before: close those too old. */
    private void closeOldIdle() {
        Receiver oldest;
        while ((oldest = idle.peekLast()) != null && !recent(oldest)) {
            if (idle.removeLastOccurrence(oldest)) {
                oldest.close();
            }
        }
    }

    private boolean recent(Receiver receiver) {
        return nanoClock.getAsLong() - receiver.madeNanos < SELECTOR_LIFETIME.toNanos();
    }

    private void giveBack(Receiver receiver) {
        if (disposed || !recent(receiver)) {
            receiver.close();
            return;
        }
        idle.addFirst(receiver);
        if (disposed && idle.remove(receiver)) { // raced with dispose()
            receiver.close();
        }
    }

    @Override
    public void dispose() {
        disposed = true;
        Receiver receiver;
        while ((receiver = idle.pollFirst()) != null) {
            receiver.close();
        }
        super.dispose();
    }

    private record Receiver(Session session, MessageConsumer consumer, long madeNanos) {
        void close() {
            closeConsumer(consumer);
            closeSession(session);
        }

        /** Rolls back what it took, then closes: the broker hands the message out again. */
        void discard() {
            rollback(session);
            close();
        }
    }

    private final class Item implements MailQueueItem {
        private final Mail mail;
        private final Receiver receiver;
        private final AtomicBoolean done = new AtomicBoolean();

        Item(Mail mail, Receiver receiver) {
            this.mail = mail;
            this.receiver = receiver;
        }

        @Override
        public Mail getMail() {
            return mail;
        }

        @Override
        public void done(CompletionStatus status) throws MailQueueException {
            if (!done.compareAndSet(false, true)) {
                // a second call (a decorator that failed after the first) must not commit or roll back the next
                // message this receiver took; in James the session was closed by then
                return;
            }
            if (status != CompletionStatus.SUCCESS) {
                receiver.discard();
                return;
            }
            try {
                receiver.session.commit();
            } catch (JMSException | RuntimeException e) {
                receiver.discard();
                throw new MailQueueException("Unable to commit dequeue operation for mail " + mail.getName(), e);
            }
            giveBack(receiver);
        }
    }
}
