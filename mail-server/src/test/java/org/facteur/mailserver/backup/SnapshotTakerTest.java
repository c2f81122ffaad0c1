package org.facteur.mailserver.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.store.mailbox.SqlMailboxSessionMapperFactory;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop cancelling a snapshot half-written on another thread, on a real SQLite store and real files: the snapshot
 * gives up, its partial directory is gone when {@link SnapshotTaker#cancel} returns, the thread's interrupt is not
 * left behind, and no later snapshot starts.
 */
class SnapshotTakerTest {
    private static final int KEYS = 5_000;

    @TempDir
    Path tmp;
    DataDirectory data;
    Database database;
    Path backups;

    @BeforeEach
    void dataDirectoryWithManyFiles() throws Exception {
        data = DataDirectory.of(tmp.resolve("data"));
        backups = tmp.resolve("backups");
        Files.createDirectories(data.database().getParent());
        database = Database.open(DatabaseSettings.sqlite(data.database()));
        database.migrate("mailbox", SqlMailboxSessionMapperFactory.MIGRATIONS);
        Files.createDirectories(data.pgp());
        for (int i = 0; i < KEYS; i++) {
            Files.writeString(data.pgp().resolve(String.format("user%05d@example.org.asc", i)), "key " + i);
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aCancelDuringASnapshotRemovesItsPartialDirectoryBeforeReturning() throws Exception {
        SnapshotTaker taker = new SnapshotTaker(new SnapshotWriter(data, database, Clock.systemUTC()));
        CompletableFuture<Boolean> interruptAfter = new CompletableFuture<>();
        Thread taking = Thread.ofPlatform().name("backup-under-test").start(() -> {
            try {
                taker.take(backups);
                interruptAfter.completeExceptionally(new AssertionError("the snapshot was completed"));
            } catch (Exception e) {
                if (e instanceof SnapshotCancelledException) {
                    interruptAfter.complete(Thread.currentThread().isInterrupted());
                } else {
                    interruptAfter.completeExceptionally(e);
                }
            }
        });

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (copiedKeys() == 0) {
            assertThat(System.nanoTime()).as("the snapshot reached the keys").isLessThan(deadline);
            assertThat(interruptAfter).as("the snapshot is still being taken").isNotDone();
            Thread.sleep(1);
        }
        taker.cancel(Duration.ofSeconds(30));

        assertThat(backups).as("the partial directory is gone when cancel returns").isEmptyDirectory();
        try {
            assertThat(interruptAfter.get(30, TimeUnit.SECONDS)).as("the cancel's interrupt is cleared").isFalse();
        } catch (ExecutionException e) {
            throw new AssertionError("the snapshot was not cancelled", e.getCause());
        }
        taking.join(TimeUnit.SECONDS.toMillis(30));
        assertThatThrownBy(() -> taker.take(backups)).as("nothing starts after a cancel")
                .isInstanceOf(SnapshotCancelledException.class);
        assertThat(backups).isEmptyDirectory();
    }

    @Test
    void aCancelWithNoSnapshotReturnsAtOnceAndRefusesTheNext() throws Exception {
        SnapshotTaker taker = new SnapshotTaker(new SnapshotWriter(data, database, Clock.systemUTC()));
        assertThat(taker.take(backups).files()).isGreaterThan(KEYS);

        taker.cancel(Duration.ofSeconds(30));

        assertThatThrownBy(() -> taker.take(backups)).isInstanceOf(SnapshotCancelledException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        try (Stream<Path> snapshots = Files.list(backups)) {
            assertThat(snapshots.toList()).hasSize(1);
        }
    }

    /** Keys already copied into the partial directory. */
    private long copiedKeys() throws Exception {
        if (!Files.isDirectory(backups)) {
            return 0;
        }
        try (Stream<Path> partials = Files.list(backups)) {
            for (Path partial : partials.toList()) {
                Path keys = partial.resolve(data.root().relativize(data.pgp()).toString());
                if (Files.isDirectory(keys)) {
                    try (Stream<Path> copied = Files.list(keys)) {
                        return copied.count();
                    } catch (java.nio.file.NoSuchFileException gone) {
                        return 0;
                    }
                }
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            return 0;
        }
        return 0;
    }
}
