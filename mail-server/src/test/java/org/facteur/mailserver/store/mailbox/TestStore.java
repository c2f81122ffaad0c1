package org.facteur.mailserver.store.mailbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.james.utils.UpdatableTickingClock;
import org.facteur.lists.testing.PostgresServer;
import org.facteur.mailserver.store.blob.BlobStore;
import org.facteur.mailserver.store.blob.FileBlobStore;
import org.facteur.mailserver.store.blob.SqlBlobStore;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.facteur.mailserver.store.sql.Jdbc;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated mailbox store for one test class, on a real engine: SQLite in a temporary file with bodies in a
 * {@link FileBlobStore}, or PostgreSQL (the machine's server or a private one) with bodies in a {@link SqlBlobStore},
 * as Facteur runs them. Every test starts from empty tables and a fresh clock. Register it as a static field.
 */
final class TestStore implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    enum Engine { SQLITE, POSTGRESQL }

    private static PostgresServer postgres;

    private final Engine engine;
    private int depth;
    private Path dir;
    private Database database;
    private BlobStore blobs;
    private UpdatableTickingClock clock;
    private SqlMailboxSessionMapperFactory factory;

    private TestStore(Engine engine) {
        this.engine = engine;
    }

    static TestStore sqlite() {
        return new TestStore(Engine.SQLITE);
    }

    static TestStore postgresql() {
        return new TestStore(Engine.POSTGRESQL);
    }

    /** One PostgreSQL for the whole test run, stopped (or its databases dropped) when the JVM exits. */
    static synchronized PostgresServer postgresServer() throws Exception {
        if (postgres == null) {
            postgres = PostgresServer.start();
            PostgresServer server = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    // best effort at exit
                }
            }));
        }
        return postgres;
    }

    /** A second connection pool on the same database, as a second Facteur node would have. */
    Database openAnotherNode() throws Exception {
        return Database.open(settings());
    }

    private DatabaseSettings settings() throws Exception {
        return switch (engine) {
            case SQLITE -> DatabaseSettings.sqlite(dir.resolve("facteur.db"));
            case POSTGRESQL -> DatabaseSettings.postgresql(postgresServer().url(postgresDatabase), postgresServer().user(), "");
        };
    }

    private String postgresDatabase;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (depth++ > 0) {
            return;
        }
        dir = Files.createTempDirectory("facteur-store");
        if (engine == Engine.POSTGRESQL) {
            postgresDatabase = postgresServer().newDatabaseName();
        }
        database = Database.open(settings());
        SqlMailboxSessionMapperFactory.migrate(database);
        blobs = engine == Engine.SQLITE ? new FileBlobStore(dir.resolve("blobs")) : SqlBlobStore.migrated(database);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (--depth > 0) {
            return;
        }
        database.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        database.inTransaction(c -> {
            for (String table : new String[] {"mailbox_message", "message_header", "message", "mailbox_user_flag", "mailbox", "subscription",
                "annotation", "blob_orphan", "quota_limit"}) {
                Jdbc.update(c, "DELETE FROM " + table);
            }
            if (engine == Engine.POSTGRESQL) {
                Jdbc.update(c, "DELETE FROM blob");
            }
            return null;
        });
        clock = new UpdatableTickingClock(Instant.now());
        factory = new SqlMailboxSessionMapperFactory(database, blobs, clock);
    }

    Engine engine() {
        return engine;
    }

    Database database() {
        return database;
    }

    BlobStore blobs() {
        return blobs;
    }

    UpdatableTickingClock clock() {
        return clock;
    }

    SqlMailboxSessionMapperFactory factory() {
        return factory;
    }

    SqlMapperProvider mapperProvider() {
        return new SqlMapperProvider(factory);
    }
}
