package org.facteur.mailserver.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * How long {@link SnapshotTaker#cancel} waits, with stand-ins for the writer ({@link SnapshotTakerTest} cancels the
 * real one): a stop that cancels at several steps waits once in all (one snapshot that does not end, as a long
 * {@code VACUUM INTO}, must not hold the stop past systemd's timeout) and a backup asked for after it is refused at
 * once, and a caller whose thread is already
 * interrupted still waits for the snapshot to end and keeps its interrupt.
 */
class SnapshotTakerWaitTest {
    private static final Path INTO = Path.of("unused");

    @Test
    void aStopThatCancelsAtSeveralStepsWaitsOnceInAll() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SnapshotTaker taker = new SnapshotTaker(into -> {
            started.countDown();
            awaitUninterruptibly(release); // deaf to the cancel, as VACUUM INTO is
            throw new SnapshotCancelledException();
        });
        Thread backup = Thread.ofPlatform().start(() -> {
            try {
                taker.take(INTO);
            } catch (Exception expected) {
                // the stand-in's cancellation
            }
        });
        try {
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

            taker.cancel(Duration.ofMillis(200)); // the schedule's stop: gives up after its wait

            assertThat(backup.isAlive()).as("the snapshot outlasted the wait").isTrue();
            CompletableFuture<Void> later = CompletableFuture.runAsync(() -> taker.cancel(Duration.ofHours(1)));
            later.get(30, TimeUnit.SECONDS); // the admin server's stop: the first call's deadline is over already
            assertThat(backup.isAlive()).as("the second call returned without waiting for the snapshot").isTrue();
            CompletableFuture<Throwable> next = CompletableFuture.supplyAsync(() -> catchThrowable(() -> taker.take(INTO)));
            assertThat(next.get(30, TimeUnit.SECONDS)).as("a later backup is refused at once, not after the stuck one")
                    .isInstanceOf(SnapshotCancelledException.class);
        } finally {
            release.countDown();
            backup.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void anInterruptedCallerStillWaitsForTheSnapshotToEndAndKeepsItsInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        SnapshotTaker taker = new SnapshotTaker(into -> {
            started.countDown();
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(10));
                throw new AssertionError("not cancelled");
            } catch (InterruptedException cancelled) {
                sleep(300); // removing the partial directory takes a moment
                ended.set(true);
                throw new SnapshotCancelledException();
            }
        });
        Thread backup = Thread.ofPlatform().start(() -> {
            try {
                taker.take(INTO);
            } catch (Exception expected) {
                // the stand-in's cancellation
            }
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        Thread.currentThread().interrupt(); // a stop thread interrupted by a second signal, say
        try {
            taker.cancel(Duration.ofSeconds(30));

            assertThat(ended).as("cancel returned only once the snapshot had ended").isTrue();
        } finally {
            assertThat(Thread.interrupted()).as("the caller's interrupt is given back").isTrue();
        }
        backup.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(backup.isAlive()).isFalse();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted twice", e);
        }
    }
}
