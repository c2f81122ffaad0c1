package org.facteur.mailserver.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventBusConcurrentTestContract;
import org.apache.james.events.EventBusTestFixture;
import org.apache.james.events.EventListener;
import org.apache.james.events.GroupContract;
import org.apache.james.events.KeyContract;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.Registration;
import org.apache.james.events.delivery.InVmEventDelivery;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

/** James's own event bus contracts (keys, groups, concurrency) on Facteur's bus, and the race James's bus loses. */
class ConcurrentEventBusTest implements KeyContract.SingleEventBusKeyContract, GroupContract.SingleEventBusGroupContract,
        EventBusConcurrentTestContract.SingleEventBusConcurrentContract {

    private ConcurrentEventBus bus;

    @BeforeEach
    void setUp() {
        bus = new ConcurrentEventBus(new InVmEventDelivery(new RecordingMetricFactory()),
                EventBusTestFixture.RETRY_BACKOFF_CONFIGURATION, new MemoryEventDeadLetters());
    }

    @Override
    public EnvironmentSpeedProfile getSpeedProfile() {
        return EnvironmentSpeedProfile.FAST;
    }

    @Override
    public EventBus eventBus() {
        return bus;
    }

    @Test
    void sessionsJoiningAndLeavingAMailboxNeverBreakADeliveryToIt() throws Exception {
        AtomicInteger received = new AtomicInteger();
        EventListener.ReactiveEventListener steady = event -> Mono.fromRunnable(received::incrementAndGet);
        Mono.from(bus.register(steady, EventBusTestFixture.KEY_1)).block();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService churn = Executors.newFixedThreadPool(4);
        List<Future<?>> churners = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            churners.add(churn.submit(() -> {
                while (running.get()) {
                    EventListener.ReactiveEventListener passer = event -> Mono.empty();
                    Registration r = Mono.from(bus.register(passer, EventBusTestFixture.KEY_1)).block();
                    Mono.from(r.unregister()).block();
                }
                return null;
            }));
        }
        int dispatched = 0;
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < end) {
                Event event = EventBusTestFixture.EVENT;
                bus.dispatch(event, Set.of(EventBusTestFixture.KEY_1)).block(); // threw ConcurrentModificationException on James's bus
                dispatched++;
            }
        } finally {
            running.set(false);
            churn.shutdown();
        }
        for (Future<?> f : churners) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(dispatched).isGreaterThan(100);
        assertThat(received.get()).isEqualTo(dispatched);
    }
}
