package org.facteur.mailserver.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** What the stores rely on from {@link Database}, on every engine. */
abstract class DatabaseContract {
    static final String SCHEMA = "org/facteur/mailserver/store/sql/testschema";

    /** A database with the test schema migrated. */
    abstract Database database();

    long counter(String name) {
        return database().<Long>read(c -> Jdbc.one(c, "SELECT value FROM counter WHERE name = ?", rs -> rs.getLong(1), name)
                .orElse(-1L));
    }

    @Test
    void migratingTwiceChangesNothing() {
        database().migrate("test", SCHEMA);
        database().inTransaction(c -> Jdbc.update(c, "INSERT INTO counter (name, value) VALUES (?, ?)", "m", 1L));
        database().migrate("test", SCHEMA);
        assertThat(counter("m")).isEqualTo(1);
    }

    @Test
    void aTransactionCommitsAllOrNothing() {
        assertThatThrownBy(() -> database().inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO counter (name, value) VALUES (?, ?)", "half", 1L);
            Jdbc.update(c, "INSERT INTO counter (name, value) VALUES (?, ?)", "half", 2L);
            return null;
        })).isInstanceOf(DatabaseException.class)
                .satisfies(e -> assertThat(database().engine().isDuplicateKey(((DatabaseException) e).getCause())).isTrue());
        assertThat(counter("half")).isEqualTo(-1);
    }

    @Test
    void nestedWorkJoinsTheOuterTransactionAndRollsBackWithIt() {
        assertThatThrownBy(() -> database().inTransaction(c -> {
            database().inTransaction(inner -> Jdbc.update(inner, "INSERT INTO counter (name, value) VALUES (?, ?)", "nested", 1L));
            assertThat(database().inTransaction()).isTrue();
            assertThat(counter("nested")).as("the thread's own transaction sees its writes").isEqualTo(1L);
            throw new IllegalStateException("stop");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(counter("nested")).isEqualTo(-1);
        assertThat(database().inTransaction()).isFalse();
    }

    @Test
    void afterCommitActionsRunOnlyOnceCommitted() {
        List<String> ran = new ArrayList<>();
        database().inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO counter (name, value) VALUES (?, ?)", "after", 1L);
            database().afterCommit(() -> ran.add("committed:" + counter("after")));
            assertThat(ran).isEmpty();
            return null;
        });
        assertThat(ran).containsExactly("committed:1");
        assertThatThrownBy(() -> database().inTransaction(c -> {
            database().afterCommit(() -> ran.add("rolled back"));
            throw new IllegalStateException("stop");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(ran).containsExactly("committed:1");
    }

    @Test
    void generatedKeysComeBackWithReturning() {
        long first = database().inTransaction(c -> Jdbc.one(c, "INSERT INTO item (label) VALUES (?) RETURNING id",
                rs -> rs.getLong(1), "a").orElseThrow());
        long second = database().inTransaction(c -> Jdbc.one(c, "INSERT INTO item (label) VALUES (?) RETURNING id",
                rs -> rs.getLong(1), "b").orElseThrow());
        assertThat(second).isGreaterThan(first);
    }

    /** How a mailbox's UIDs are allocated: UPDATE … RETURNING under the row lock, from many threads at once. */
    @Test
    void concurrentIncrementsWithReturningNeverRepeatOrLoseAValue() throws Exception {
        database().inTransaction(c -> Jdbc.update(c, "INSERT INTO counter (name, value) VALUES (?, ?)", "uid", 0L));
        int threads = 8;
        int each = 40;
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        try {
                            seen.add(database().inTransaction(c -> Jdbc.one(c,
                                    "UPDATE counter SET value = value + 1 WHERE name = ? RETURNING value", rs -> rs.getLong(1), "uid")
                                    .orElseThrow()));
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).hasValue(0);
        assertThat(seen).doesNotHaveDuplicates().hasSize(threads * each);
        assertThat(counter("uid")).isEqualTo(threads * each);
    }
}
