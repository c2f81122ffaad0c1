package org.facteur.mailserver.events;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusName;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.EventListener.ReactiveEventListener;
import org.apache.james.events.Group;
import org.apache.james.events.GroupAlreadyRegistered;
import org.apache.james.events.GroupRegistrationNotFound;
import org.apache.james.events.InVMEventBus;
import org.apache.james.events.Registration;
import org.apache.james.events.RegistrationKey;
import org.apache.james.events.RetryBackoffConfiguration;
import org.apache.james.events.delivery.EventDelivery;
import org.apache.james.events.delivery.EventDelivery.DeliveryOption;
import org.apache.james.events.delivery.EventDelivery.PermanentFailureHandler.StoreToDeadLetters;
import org.apache.james.events.delivery.EventDelivery.Retryer.BackoffRetryer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's mailbox event bus, in one JVM, safe under concurrent use. James 3.8.1's {@link InVMEventBus} keeps the
 * listeners of each mailbox in a synchronized multimap that it iterates without the lock: when a session SELECTs or
 * leaves a mailbox while a message is delivered to it, the delivery's dispatch can fail with a
 * ConcurrentModificationException, after the message was stored, and the client gets an error for a message
 * that is there (seen three times in a minute of ConcurrentImapClientsIT once indexing stopped slowing dispatch).
 * Here every key's listeners are a concurrent set changed only inside the map's atomic per-key operations.
 * Delivery itself (synchronous or not, retries and dead letters for group listeners) stays James's {@link EventDelivery}.
 *
 * <p>With several nodes ({@link EventRelay}), every event dispatched here is also handed to the others, and theirs
 * reach this node's key listeners (the IMAP sessions that selected the mailbox) and the groups marked
 * {@link OnEveryNode} (the search index); other groups act once, on the node where the event happened.
 */
public final class ConcurrentEventBus implements EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentEventBus.class);

    private final ConcurrentHashMap<RegistrationKey, Set<ReactiveEventListener>> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Group, ReactiveEventListener> groups = new ConcurrentHashMap<>();
    private final EventDelivery delivery;
    private final RetryBackoffConfiguration retryBackoff;
    private final EventDeadLetters deadLetters;
    private volatile EventRelay relay;

    @Inject
    public ConcurrentEventBus(EventDelivery delivery, RetryBackoffConfiguration retryBackoff, EventDeadLetters deadLetters) {
        this.delivery = delivery;
        this.retryBackoff = retryBackoff;
        this.deadLetters = deadLetters;
    }

    /** Joins the other nodes: events go out through {@code relay}, and theirs come in. Without it, one node alone. */
    @com.google.inject.Inject(optional = true)
    public void relayThrough(EventRelay relay) {
        this.relay = relay;
        relay.receiveWith(this::deliverFromOtherNode);
    }

    @Override
    public Mono<Registration> register(ReactiveEventListener listener, RegistrationKey key) {
        return Mono.fromCallable(() -> {
            byKey.compute(key, (k, listeners) -> {
                Set<ReactiveEventListener> set = listeners == null ? ConcurrentHashMap.newKeySet() : listeners;
                set.add(listener);
                return set;
            });
            return () -> Mono.fromRunnable(() -> byKey.computeIfPresent(key, (k, listeners) -> {
                listeners.remove(listener);
                return listeners.isEmpty() ? null : listeners;
            }));
        });
    }

    @Override
    public Registration register(ReactiveEventListener listener, Group group) {
        if (groups.putIfAbsent(group, listener) != null) {
            throw new GroupAlreadyRegistered(group);
        }
        return () -> Mono.fromRunnable(() -> groups.remove(group, listener));
    }

    @Override
    public Mono<Void> dispatch(Event event, Set<RegistrationKey> keys) {
        if (event.isNoop()) {
            return Mono.empty();
        }
        return Mono.fromRunnable(() -> relayOut(event, keys))
                .then(Flux.merge(groupDeliveries(event), keyDeliveries(event, keys)).then())
                .onErrorResume(e -> {
                    LOG.error("Delivering mailbox event {} failed", event.getClass().getSimpleName(), e);
                    return Mono.empty();
                });
    }

    private void relayOut(Event event, Set<RegistrationKey> keys) {
        EventRelay out = relay;
        if (out != null) {
            out.publish(event, keys);
        }
    }

    /**
     * Delivers an event another node dispatched: to the listeners of its keys here and to the {@link OnEveryNode} groups,
     * in the order the events came (the caller's thread waits, at most {@link #REMOTE_DELIVERY_PATIENCE}).
     */
    void deliverFromOtherNode(Event event, Set<RegistrationKey> keys) {
        if (event.isNoop()) {
            return;
        }
        Flux<Void> everyNodeGroups = Flux.fromIterable(List.copyOf(groups.entrySet()))
                .filter(e -> e.getKey() instanceof OnEveryNode)
                .flatMap(e -> groupDelivery(event, e.getValue(), e.getKey()), EXECUTION_RATE);
        Flux.merge(everyNodeGroups, keyDeliveries(event, keys).flux())
                .then()
                .onErrorResume(e -> {
                    LOG.error("Delivering mailbox event {} of another node failed", event.getClass().getSimpleName(), e);
                    return Mono.empty();
                })
                .block(REMOTE_DELIVERY_PATIENCE);
    }

    static final java.time.Duration REMOTE_DELIVERY_PATIENCE = java.time.Duration.ofSeconds(30);

    @Override
    public Mono<Void> reDeliver(Group group, Event event) {
        ReactiveEventListener listener = groups.get(group);
        if (listener == null) {
            return Mono.error(new GroupRegistrationNotFound(group));
        }
        return event.isNoop() ? Mono.empty() : groupDelivery(event, listener, group);
    }

    @Override
    public EventBusName eventBusName() {
        return InVMEventBus.IN_VN_EVENTBUS_NAME;
    }

    @Override
    public Collection<Group> listRegisteredGroups() {
        return List.copyOf(groups.keySet());
    }

    private Mono<Void> keyDeliveries(Event event, Set<RegistrationKey> keys) {
        return Flux.fromIterable(keys)
                .flatMapIterable(key -> List.copyOf(byKey.getOrDefault(key, Set.of())))
                .distinct()
                .flatMap(listener -> delivery.deliver(listener, event, DeliveryOption.none()), EXECUTION_RATE)
                .then();
    }

    private Mono<Void> groupDeliveries(Event event) {
        return Flux.fromIterable(List.copyOf(groups.entrySet()))
                .flatMap(e -> groupDelivery(event, e.getValue(), e.getKey()), EXECUTION_RATE)
                .then();
    }

    private Mono<Void> groupDelivery(Event event, ReactiveEventListener listener, Group group) {
        return delivery.deliver(listener, event, DeliveryOption.of(BackoffRetryer.of(retryBackoff, listener),
                StoreToDeadLetters.of(group, deadLetters)));
    }
}
