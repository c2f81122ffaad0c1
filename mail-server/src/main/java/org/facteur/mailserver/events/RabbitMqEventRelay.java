package org.facteur.mailserver.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.event.json.MailboxEventSerializer;
import org.apache.james.events.Event;
import org.apache.james.events.EventSerializer;
import org.apache.james.events.RegistrationKey;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.quota.QuotaRootDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;

/**
 * Mailbox events of several nodes through RabbitMQ. Every event dispatched on a node is published, in James's own
 * JSON form ({@link MailboxEventSerializer}), to one fanout exchange ({@value #EXCHANGE}); each node reads it through a
 * queue of its own (server-named, exclusive, gone with the node) and hands the events of the other nodes to its event
 * bus: so a member in IMAP IDLE on one node hears of mail delivered through another, and each node's search index
 * learns of every message.
 *
 * <p>Events are news, not the mail: the message is committed to the shared store before its event exists. So
 * publishing never holds up a delivery (a queue of {@value #BACKLOG} events and one thread; beyond that, or while
 * RabbitMQ does not answer, events are dropped with a warning a minute), and a node that missed events still serves
 * every message: a new IMAP connection or a search finds it, only the notification of a session already open is lost.
 * The connection is retried every {@value #RETRY_SECONDS} s until the first one works, then recovered by the client
 * library (its queue declared again and bound).
 */
public final class RabbitMqEventRelay implements EventRelay, AutoCloseable {
    public static final String EXCHANGE = "facteur.mailbox-events";
    static final int BACKLOG = 10_000;
    static final int RETRY_SECONDS = 5;
    private static final String ORIGIN_HEADER = "facteur-origin";
    private static final String KEYS_HEADER = "facteur-keys";
    private static final long WARNING_EVERY_MS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqEventRelay.class);

    private final RabbitMqSettings settings;
    private final String exchange;
    private final String origin = UUID.randomUUID().toString();
    private final ThreadPoolExecutor publisher;
    private final ScheduledExecutorService connector;
    private final AtomicLong lastWarning = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile EventSerializer serializer;
    private volatile Map<String, RegistrationKey.Factory> keyFactories = Map.of();
    private volatile Receiver receiver;
    private volatile Connection connection;
    private volatile Channel publishing;
    private volatile boolean closed;

    /** A relay that learns how to read James's mailbox events when Guice gives it the store's identifiers. */
    public RabbitMqEventRelay(RabbitMqSettings settings) {
        this(settings, EXCHANGE);
    }

    private RabbitMqEventRelay(RabbitMqSettings settings, String exchange) {
        this.settings = settings;
        this.exchange = exchange;
        this.publisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(BACKLOG),
                daemon("facteur-events-publisher"), new ThreadPoolExecutor.AbortPolicy());
        this.connector = Executors.newSingleThreadScheduledExecutor(daemon("facteur-events-connector"));
    }

    /**
     * A relay of these events, with these kinds of registration key, through its own exchange (for tests such as
     * James's own event bus contracts, which carry test events).
     */
    public RabbitMqEventRelay(RabbitMqSettings settings, String exchange, EventSerializer serializer,
                              Collection<RegistrationKey.Factory> keys) {
        this(settings, exchange);
        use(serializer, keys);
    }

    @Inject
    void useStoreIdentifiers(MailboxId.Factory mailboxIds, MessageId.Factory messageIds, QuotaRootDeserializer quotaRoots) {
        use(new MailboxEventSerializer(mailboxIds, messageIds, quotaRoots), List.of(new MailboxIdRegistrationKey.Factory(mailboxIds)));
    }

    private void use(EventSerializer serializer, Collection<RegistrationKey.Factory> keys) {
        this.serializer = serializer;
        this.keyFactories = keys.stream().collect(Collectors.toUnmodifiableMap(f -> f.forClass().getName(), Function.identity()));
    }

    @Override
    public void receiveWith(Receiver receiver) {
        this.receiver = receiver;
    }

    /** Connects now; when RabbitMQ does not answer, says so and keeps trying in the background. */
    public RabbitMqEventRelay start() {
        if (!connect()) {
            connector.scheduleWithFixedDelay(() -> {
                if (connection == null && !closed && connect()) {
                    throw new IllegalStateException("connected: no more tries"); // ends the schedule
                }
            }, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
        return this;
    }

    /** True once connected (the client library then recovers the connection by itself). */
    public boolean connected() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    /** Events not published since start: the backlog was full or RabbitMQ did not answer. */
    public long dropped() {
        return dropped.get();
    }

    private synchronized boolean connect() {
        if (closed || connection != null) {
            return connection != null;
        }
        ConnectionFactory factory = new ConnectionFactory();
        Connection c = null;
        try {
            factory.setUri(settings.uri());
            factory.setAutomaticRecoveryEnabled(true);
            factory.setTopologyRecoveryEnabled(true);
            factory.setNetworkRecoveryInterval(2_000);
            factory.setConnectionTimeout(5_000);
            factory.setRequestedHeartbeat(15);
            c = factory.newConnection("facteur mailbox events");
            Channel consuming = c.createChannel();
            consuming.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true);
            String queue = consuming.queueDeclare("", false, true, true, Map.of("x-max-length", BACKLOG)).getQueue();
            consuming.queueBind(queue, exchange, "");
            consuming.basicConsume(queue, true, (tag, delivery) -> received(delivery), tag -> { });
            publishing = c.createChannel();
            if (c instanceof Recoverable recoverable) {
                recoverable.addRecoveryListener(new LoggingRecovery());
            }
            connection = c;
            LOG.info("Mailbox events are shared with the other nodes through RabbitMQ at {}", settings.safeText());
            return true;
        } catch (IOException | java.util.concurrent.TimeoutException | java.security.GeneralSecurityException
                 | java.net.URISyntaxException | RuntimeException e) {
            closeQuietly(c);
            warn("RabbitMQ at {} cannot be reached ({}): IMAP sessions on the other nodes are not told of mail that arrives"
                    + " here until it can; tried again every {} s", settings.safeText(), describe(e), RETRY_SECONDS);
            LOG.debug("RabbitMQ connection failure", e);
            return false;
        }
    }

    @Override
    public void publish(Event event, Set<RegistrationKey> keys) {
        EventSerializer codec = serializer;
        if (codec == null || closed || connection == null) {
            return;
        }
        try {
            publisher.execute(() -> send(codec, event, keys));
        } catch (RejectedExecutionException full) {
            drop("{} mailbox events waited for RabbitMQ at {}: events are dropped until it keeps up", BACKLOG, settings.safeText());
        }
    }

    private void send(EventSerializer codec, Event event, Set<RegistrationKey> keys) {
        Channel channel = publishing;
        try {
            List<String> keyTexts = new ArrayList<>();
            for (RegistrationKey key : keys) {
                if (keyFactories.containsKey(key.getClass().getName())) {
                    keyTexts.add(key.getClass().getName() + ":" + key.asString());
                }
            }
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .headers(Map.of(ORIGIN_HEADER, origin, KEYS_HEADER, keyTexts))
                    .build();
            channel.basicPublish(exchange, "", properties, codec.toJsonBytes(event));
        } catch (IOException | RuntimeException e) {
            drop("A mailbox event could not be sent to RabbitMQ at {} ({}): other nodes are not told of it",
                    settings.safeText(), describe(e));
        }
    }

    private void received(Delivery delivery) {
        Receiver to = receiver;
        EventSerializer codec = serializer;
        Map<String, Object> headers = delivery.getProperties().getHeaders();
        if (to == null || codec == null || headers == null || origin.equals(String.valueOf(headers.get(ORIGIN_HEADER)))) {
            return; // this node's own event (already delivered here), or a node not started yet
        }
        try {
            Event event = codec.fromBytes(delivery.getBody());
            to.deliver(event, keys(headers.get(KEYS_HEADER)));
        } catch (RuntimeException e) {
            warn("A mailbox event from another node could not be read or delivered ({}); the mail itself is in the store",
                    e.toString());
        }
    }

    private Set<RegistrationKey> keys(Object header) {
        Set<RegistrationKey> keys = new LinkedHashSet<>();
        if (header instanceof List<?> texts) {
            for (Object t : texts) {
                String text = String.valueOf(t);
                int colon = text.indexOf(':');
                RegistrationKey.Factory factory = colon < 0 ? null : keyFactories.get(text.substring(0, colon));
                if (factory != null) {
                    keys.add(factory.fromString(text.substring(colon + 1)));
                }
            }
        }
        return keys;
    }

    /** The exception and its causes in one line (the client library often throws an IOException without a message). */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                text.append(text.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        return text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
    }

    private void drop(String message, Object... args) {
        dropped.incrementAndGet();
        warn(message, args);
    }

    private void warn(String message, Object... args) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= WARNING_EVERY_MS && lastWarning.compareAndSet(last, now)) {
            LOG.warn(message, args);
        }
    }

    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        publisher.shutdown();
        try {
            publisher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close(2_000);
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing the RabbitMQ connection: {}", e.toString());
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private final class LoggingRecovery implements RecoveryListener {
        @Override
        public void handleRecovery(Recoverable recoverable) {
            LOG.info("RabbitMQ at {} answers again: mailbox events are shared with the other nodes again", settings.safeText());
        }

        @Override
        public void handleRecoveryStarted(Recoverable recoverable) {
            LOG.warn("RabbitMQ at {} stopped answering: IMAP sessions on the other nodes are not told of mail that arrives"
                    + " here until it does (the mail is stored all the same); reconnecting", settings.safeText());
        }
    }
}
