package org.facteur.mailserver.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.store.mailbox.SqlMailboxSessionMapperFactory;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt cancels a statement running inside SQLite's native code, which {@link Thread#interrupt} alone does not
 * reach: a query that never ends, and the {@code VACUUM INTO} of a snapshot (a stop used to wait for the whole copy of
 * the database, or give up waiting and leave it running). The timeouts only turn a hang into a failure.
 */
class CancelOnInterruptTest {
    /** Counts for ever: only a cancel ends it. */
    private static final String NEVER_ENDS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
            + "SELECT count(*) FROM c";

    @TempDir
    Path tmp;
    DataDirectory data;
    Database database;

    @BeforeEach
    void openStore() throws Exception {
        data = DataDirectory.of(tmp.resolve("data"));
        Files.createDirectories(data.database().getParent());
        database = Database.open(DatabaseSettings.sqlite(data.database()));
        database.migrate("mailbox", SqlMailboxSessionMapperFactory.MIGRATIONS);
    }

    @AfterEach
    void close() {
        Thread.interrupted();
        database.close();
    }

    @Test
    @Timeout(60)
    void anInterruptFromAnotherThreadEndsAStatementThatWouldNeverEnd() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread running = Thread.ofPlatform().name("statement-under-test").start(() -> {
            try {
                database.read(c -> {
                    try (Statement s = c.createStatement()) {
                        CancelOnInterrupt.execute(s, NEVER_ENDS);
                    }
                    return null;
                });
                outcome.completeExceptionally(new AssertionError("the statement ended by itself"));
            } catch (RuntimeException e) {
                outcome.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("flag lost", e));
            }
        });
        Thread.sleep(300); // usually inside SQLite by now; if not, the watcher's next look cancels it
        running.interrupt();

        Throwable failure = outcome.get(30, TimeUnit.SECONDS);
        assertThat(failure).isNotInstanceOf(AssertionError.class);
        assertThat(failure).hasRootCauseInstanceOf(SQLException.class).rootCause().hasMessageContaining("SQLITE_INTERRUPT");
        running.join();
        Integer answer = database.read(c -> {
            try (Statement s = c.createStatement(); var rows = s.executeQuery("SELECT 41 + 1")) {
                rows.next();
                return rows.getInt(1);
            }
        });
        assertThat(answer).as("the pool's connections work afterwards").isEqualTo(42);
    }

    @Test
    @Timeout(60)
    void aStatementOnAnInterruptedThreadIsCancelledEvenWhenTheInterruptCameBeforeIt() {
        Throwable failure = null;
        try {
            database.read(c -> {
                try (Statement s = c.createStatement()) {
                    Thread.currentThread().interrupt(); // the connection already taken from the pool
                    CancelOnInterrupt.execute(s, NEVER_ENDS);
                }
                return null;
            });
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(Thread.interrupted()).as("the flag is left for the caller").isTrue();
        assertThat(failure).hasRootCauseInstanceOf(SQLException.class).rootCause().hasMessageContaining("SQLITE_INTERRUPT");
    }

    @Test
    void aStatementNobodyInterruptsRunsToItsEnd() {
        database.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE numbers(n INTEGER)");
                CancelOnInterrupt.execute(s, "INSERT INTO numbers WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
                        + "SELECT x + 1 FROM c WHERE x < 200000) SELECT x FROM c");
            }
            return null;
        });
        String countAndSum = database.read(c -> {
            try (Statement s = c.createStatement(); var rows = s.executeQuery("SELECT count(*), sum(n) FROM numbers")) {
                rows.next();
                return rows.getLong(1) + "/" + rows.getLong(2);
            }
        });
        assertThat(countAndSum).isEqualTo("200000/20000100000");
    }

    /**
     * A stop while the snapshot copies a 200 MB database: the cancellation's cause is SQLite's "interrupted", so the
     * copy was cut short, not waited for and then noticed between two files.
     */
    @Test
    @Timeout(120)
    void aCancelDuringTheDatabaseCopyInterruptsVacuumInto() throws Exception {
        database.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE filler(b BLOB)");
                s.execute("INSERT INTO filler WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                        + "WHERE x < 200) SELECT randomblob(1048576) FROM c");
            }
            return null;
        });
        Path backups = tmp.resolve("backups");
        SnapshotTaker taker = new SnapshotTaker(new SnapshotWriter(data, database, Clock.systemUTC()));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread.ofPlatform().name("backup-under-test").start(() -> {
            try {
                taker.take(backups);
                outcome.completeExceptionally(new AssertionError("the snapshot was completed"));
            } catch (Exception e) {
                outcome.complete(e);
            }
        });
        while (!copyingTheDatabase(backups)) {
            assertThat(outcome).as("the snapshot is still being taken").isNotDone();
            Thread.sleep(1);
        }
        taker.cancel(Duration.ofSeconds(60));

        Throwable failure = outcome.get(60, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(SnapshotCancelledException.class);
        assertThat(failure).as("cut short by SQLite").hasRootCauseInstanceOf(SQLException.class)
                .rootCause().hasMessageContaining("SQLITE_INTERRUPT");
        assertThat(backups).as("nothing kept").isEmptyDirectory();
    }

    /** Whether SQLite has begun writing the database's copy in a partial snapshot. */
    private boolean copyingTheDatabase(Path backups) throws Exception {
        if (!Files.isDirectory(backups)) {
            return false;
        }
        try (Stream<Path> partials = Files.list(backups)) {
            for (Path partial : partials.toList()) {
                if (Files.exists(partial.resolve(data.root().relativize(data.database()).toString()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
