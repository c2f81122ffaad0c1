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
 * JSON form ({@link MailboxEventSerializer}), to its installation's fanout exchange ({@value #EXCHANGE_PREFIX} and the
 * id kept in the shared database, so two installations on one RabbitMQ never mix); each node reads it through a queue
 * of its own (server-named, exclusive, gone with the node) and hands the events of the other nodes to its event bus:
 * so a member in IMAP IDLE on one node hears of mail delivered through another, and each node's search index learns
 * of every message.
 *
 * <p>Events are news, not the mail: the message is committed to the shared store before its event exists. So
 * publishing never holds up a delivery (a queue of {@value #BACKLOG} events and one thread; beyond that, or while
 * RabbitMQ does not answer, events are dropped with a warning a minute), and a node that missed events still serves
 * every message: a new IMAP connection or a search finds it, only the notification of a session already open is lost.
 * A node takes the others' events {@value #PREFETCH} at a time, in order; more wait in RabbitMQ, and past
 * {@value #BACKLOG} waiting there RabbitMQ drops the oldest (a node that far behind is stuck or dying).
 * The connection is retried every {@value #RETRY_SECONDS} s until the first one works, then recovered by the client
 * library (its queue declared again and bound). With {@code amqps://} the server's certificate and name are checked.
 */
public final class RabbitMqEventRelay implements EventRelay, AutoCloseable {
    /** The start of each installation's exchange name; the rest is its id ({@link #exchangeOf}). */
    public static final String EXCHANGE_PREFIX = "facteur.mailbox-events.";
    static final int PREFETCH = 256;
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

    /**
     * A relay through the exchange of the installation {@code installationId} (the id its database holds: two
     * installations sharing one RabbitMQ never hear each other), which learns how to read James's mailbox events when
     * Guice gives it the store's identifiers.
     */
    public static RabbitMqEventRelay forInstallation(RabbitMqSettings settings, String installationId) {
        return new RabbitMqEventRelay(settings, exchangeOf(installationId));
    }

    static String exchangeOf(String installationId) {
        return EXCHANGE_PREFIX + installationId;
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
            java.util.concurrent.CompletableFuture<java.util.concurrent.ScheduledFuture<?>> retries =
                    new java.util.concurrent.CompletableFuture<>();
            retries.complete(connector.scheduleWithFixedDelay(() -> {
                if (connect()) {
                    retries.join().cancel(false);
                }
            }, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS));
        }
        return this;
    }

    /** Stops handing the other nodes' events to this node (before its mailboxes close); publishing goes on. */
    public void stopReceiving() {
        receiver = null;
    }

    /** True once connected (the client library then recovers the connection by itself). */
    public boolean connected() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    /**
     * Events not published since the first connection: the backlog was full or RabbitMQ did not answer (before the
     * first connection nothing is counted: there was no one to tell).
     */
    public long dropped() {
        return dropped.get();
    }

    private synchronized boolean connect() {
        if (closed || connection != null) {
            return connection != null;
        }
        Connection c = null;
        try {
            ConnectionFactory factory;
            try {
                factory = RabbitMqSettings.clientFactory(settings.uri()); // read once already by RabbitMqSettings
            } catch (Exception e) {
                throw new IllegalStateException("the client library refused the RabbitMQ URI"); // its message may hold it
            }
            factory.setAutomaticRecoveryEnabled(true);
            factory.setTopologyRecoveryEnabled(true);
            factory.setNetworkRecoveryInterval(2_000);
            factory.setConnectionTimeout(5_000);
            factory.setHandshakeTimeout(10_000);
            factory.setChannelRpcTimeout(30_000);
            factory.setRequestedHeartbeat(15);
            c = factory.newConnection("facteur mailbox events");
            Channel consuming = c.createChannel();
            // durable and kept: a publish between a reconnection and the library declaring it again must find it
            consuming.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true, false, null);
            String queue = consuming.queueDeclare("", false, true, true, Map.of("x-max-length", BACKLOG)).getQueue();
            consuming.queueBind(queue, exchange, "");
            consuming.basicQos(PREFETCH); // the rest waits in RabbitMQ, at most BACKLOG (then the oldest are dropped there)
            consuming.basicConsume(queue, false, (tag, delivery) -> {
                received(delivery);
                try {
                    consuming.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                } catch (IOException | RuntimeException e) { // thrown on, it would close the channel for good
                    LOG.debug("Acknowledging a mailbox event: {}", describe(e));
                }
            }, tag -> { });
            publishing = c.createChannel();
            if (c instanceof Recoverable recoverable) {
                recoverable.addRecoveryListener(new LoggingRecovery());
            }
            connection = c;
            LOG.info("Mailbox events are shared with the other nodes through RabbitMQ at {}", settings.safeText());
            return true;
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
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
        try {
            Channel channel = openPublishing();
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

    /**
     * The publishing channel, opened again when RabbitMQ closed it alone (the client library recovers channels only
     * when it recovers their connection).
     */
    private Channel openPublishing() throws IOException {
        Channel channel = publishing;
        Connection c = connection;
        if (channel != null && !channel.isOpen() && c != null && c.isOpen()) {
            channel = c.createChannel();
            channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true, false, null);
            publishing = channel;
        }
        return channel;
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
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // anything else thrown here would make the client library close the channel for good
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
    public synchronized void close() { // waits for a connection attempt under way (bounded by its timeouts)
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
