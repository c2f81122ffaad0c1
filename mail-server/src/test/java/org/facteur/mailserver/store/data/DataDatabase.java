package org.facteur.mailserver.store.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.facteur.lists.testing.PostgresServer;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.facteur.mailserver.store.sql.Jdbc;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database with the part "data" migrated, for one test class (and its nested classes), on SQLite or on a
 * real PostgreSQL ({@link PostgresServer}); every table of the part is emptied after each test.
 * {@code @RegisterExtension static final DataDatabase DB = DataDatabase.sqlite();}
 */
public final class DataDatabase implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private static final List<String> TABLES = List.of("users", "domains", "recipient_rewrites", "mail_repository_urls");

    private final boolean postgresql;
    private int classes;
    private Path dir;
    private PostgresServer server;
    private Database database;

    private DataDatabase(boolean postgresql) {
        this.postgresql = postgresql;
    }

    public static DataDatabase sqlite() {
        return new DataDatabase(false);
    }

    public static DataDatabase postgresql() {
        return new DataDatabase(true);
    }

    public Database database() {
        return database;
    }

    /** Opens the database now (for runners without JUnit 5 callbacks); {@link #close} ends it. */
    public synchronized Database open() throws Exception {
        if (database == null) {
            if (postgresql) {
                server = PostgresServer.start();
                database = Database.open(DatabaseSettings.postgresql(server.url(server.newDatabaseName()), server.user(), ""));
            } else {
                dir = Files.createTempDirectory("facteur-data");
                database = Database.open(DatabaseSettings.sqlite(dir.resolve("facteur.db")));
            }
            SqlDataModule.migrate(database);
        }
        return database;
    }

    public void clear() {
        database.inTransaction(c -> {
            for (String table : TABLES) {
                Jdbc.update(c, "DELETE FROM " + table);
            }
            return null;
        });
    }

    public synchronized void close() throws Exception {
        if (database == null) {
            return;
        }
        database.close();
        database = null;
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            deleteTree(dir);
        }
    }

    // Nested classes run the class callbacks again: open with the first, close with the last.
    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        classes++;
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clear();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        if (--classes == 0) {
            close();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
