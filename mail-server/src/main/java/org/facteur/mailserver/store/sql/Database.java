package org.facteur.mailserver.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Facteur's one database (SQLite or PostgreSQL) behind a connection pool, with transactions bound to the
 * calling thread: {@link #inTransaction} opens one (or joins the one this thread already has, so that a
 * delivery's UID allocation, message rows, counters and quota are one commit), retries it when it lost a
 * race, and commits; {@link #read} runs a query on the thread's transaction if there is one, else in
 * auto-commit. SQLite runs in WAL mode with {@code synchronous=FULL} (a commit is on disk when it
 * returns) and begins every transaction with {@code BEGIN IMMEDIATE}, so writers queue behind one another
 * instead of failing when a reader upgrades.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int ATTEMPTS = 8;

    private final DatabaseSettings settings;
    private final SqlEngine engine;
    private final HikariDataSource pool;
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();

    private Database(DatabaseSettings settings, SqlEngine engine, HikariDataSource pool) {
        this.settings = settings;
        this.engine = engine;
        this.pool = pool;
    }

    public static Database open(DatabaseSettings settings) {
        SqlEngine engine = settings.engine();
        HikariConfig config = new HikariConfig();
        config.setPoolName("facteur-db");
        config.setJdbcUrl(settings.url());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.maxConnections());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        if (engine == SqlEngine.SQLITE) {
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("busy_timeout", "30000");
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            config.setConnectionInitSql("PRAGMA busy_timeout = 30000");
        }
        return new Database(settings, engine, new HikariDataSource(config));
    }

    public SqlEngine engine() {
        return engine;
    }

    /** Where this database is, for tools that work on it from outside the pool ({@code pg_dump}). */
    public DatabaseSettings settings() {
        return settings;
    }

    /** For tools that manage their own connections (schema migrations, the list store). */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * Brings one part's schema up to date with Flyway: the scripts under
     * {@code classpath:<location>/<engine folder>} ({@code V1__….sql}, …), recorded in the table
     * {@code <part>_schema_history}, so that each module owns its own schema and history.
     */
    public void migrate(String part, String location) {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(pool)
                .table(part + "_schema_history")
                .locations("classpath:" + location + "/" + engine.migrationFolder())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /** Runs a query: on this thread's transaction when there is one, else on a pooled connection in auto-commit. */
    public <T> T read(SqlWork<T> work) {
        Transaction tx = current.get();
        try {
            if (tx != null) {
                return work.run(tx.connection);
            }
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /**
     * Runs {@code work} in a transaction and commits it. When this thread is already inside one, the work
     * joins it (the outermost call commits). A transaction that lost a race (serialization failure,
     * deadlock, busy database) is rolled back and run again, a few times, with a short random pause.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        Transaction outer = current.get();
        if (outer != null) {
            try {
                return work.run(outer.connection);
            } catch (SQLException e) {
                throw new DatabaseException(e);
            }
        }
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Connection c = pool.getConnection()) {
                Transaction tx = new Transaction(c);
                c.setAutoCommit(false);
                current.set(tx);
                T result;
                try {
                    result = work.run(c);
                    c.commit();
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(c);
                    throw e;
                } finally {
                    current.remove();
                    c.setAutoCommit(true);
                }
                tx.committed();
                return result;
            } catch (SQLException e) {
                if (!engine.isRetryable(e) || attempt == ATTEMPTS) {
                    throw new DatabaseException(e);
                }
                last = e;
                LOG.debug("Transaction lost a race (attempt {}), running it again: {}", attempt, e.getMessage());
                pause(attempt);
            }
        }
        throw new DatabaseException(last);
    }

    /** Whether this thread is inside {@link #inTransaction}. */
    public boolean inTransaction() {
        return current.get() != null;
    }

    /**
     * Runs {@code action} once this thread's transaction has committed (never if it rolls back), or now
     * when there is none: for work outside the database that must follow a commit, such as removing the
     * file of an expunged message.
     */
    public void afterCommit(Runnable action) {
        Transaction tx = current.get();
        if (tx == null) {
            action.run();
        } else {
            tx.afterCommit.add(action);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback failed: {}", e.getMessage());
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Transaction {
        final Connection connection;
        final List<Runnable> afterCommit = new ArrayList<>();

        Transaction(Connection connection) {
            this.connection = connection;
        }

        void committed() {
            for (Runnable action : afterCommit) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("An action after commit failed", e);
                }
            }
        }
    }
}
