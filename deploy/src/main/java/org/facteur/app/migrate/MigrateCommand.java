package org.facteur.app.migrate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.facteur.app.config.DatabaseEnvironment;
import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.DataDirectoryLock;
import org.facteur.mailserver.migration.DerbyReleaseMigration;
import org.facteur.mailserver.migration.DerbyReleaseMigration.MigrationRefusedException;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * {@code facteur migrate [--data-dir DIR]}: converts the data directory of release 0.1 (Derby) into Facteur's
 * SQL store, the one in {@code FACTEUR_DATABASE_URL} or SQLite under the data directory, as the server would
 * open it. Run by {@code ./facteur migrate}, which puts Apache Derby on the class path (Facteur does not ship
 * it). Exit codes: 0 converted, 1 refused or failed (nothing half-done: the new store commits once, and the
 * Derby files stay in place), 2 usage.
 */
public final class MigrateCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public MigrateCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public int run(String... args) {
        Path dir = Path.of(env.getOrDefault("FACTEUR_DATA_DIR", "data"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else if (args[i].equals("-h") || args[i].equals("--help")) {
                out.println(usage());
                return OK;
            } else {
                err.println("Unknown argument '" + args[i] + "'. " + usage());
                return USAGE;
            }
        }
        if (!Files.isDirectory(dir)) {
            err.println("There is no data directory at " + dir.toAbsolutePath() + " (set --data-dir or FACTEUR_DATA_DIR).");
            return FAILED;
        }
        quietLibraries();
        DataDirectory data = DataDirectory.of(dir);
        if (Files.isDirectory(data.logs()) && System.getProperty("derby.stream.error.file") == null) {
            // Derby's own log goes where release 0.1 kept it, not into the current directory.
            System.setProperty("derby.stream.error.file", data.logs().resolve("derby-migrate.log").toString());
        }
        DatabaseSettings database = DatabaseEnvironment.settings(env, data);
        if (!Files.isDirectory(data.root().resolve("var"))) {
            return convert(data, database); // no store of any release: refused there, the directory left untouched
        }
        DataDirectoryLock held;
        try {
            held = DataDirectoryLock.acquire(data, Duration.ZERO);
        } catch (IllegalStateException e) {
            err.println("Facteur is running on " + data.root() + ": stop it before ./facteur migrate.");
            return FAILED;
        } catch (IOException | InterruptedException e) {
            err.println("Could not take the data directory " + data.root() + ": " + e.getMessage());
            return FAILED;
        }
        // Held until the conversion ends: a ./facteur start meanwhile refuses while the 0.1 store is in place, and
        // waits instead of reading a half-moved store in the moment after it has been moved aside.
        try (held) {
            return convert(data, database);
        }
    }

    private int convert(DataDirectory data, DatabaseSettings database) {
        out.println("Converting release 0.1's store in " + data.root() + " into " + database + "...");
        try {
            DerbyReleaseMigration.Report report = DerbyReleaseMigration.migrate(data, database);
            out.println("Migrated " + report + ".");
            for (String left : report.notConverted()) {
                out.println("Not converted (this version has no use for it; it stays in the backup): " + left + ".");
            }
            out.println("The Derby databases are kept in " + data.derbyReleaseBackup()
                    + " (delete them once you are satisfied); the search index is rebuilt at the next start.");
            out.println("Start Facteur again: ./facteur start");
            return OK;
        } catch (MigrationRefusedException e) {
            err.println(e.getMessage());
            return FAILED;
        } catch (Exception e) {
            err.println("The migration failed and nothing was committed; the Derby store is untouched in "
                    + data.legacyDerbyStore() + ": " + reason(e));
            return FAILED;
        }
    }

    static String usage() {
        return "Usage: facteur migrate [--data-dir DIR]  (converts the store of release 0.1; run it with ./facteur migrate)";
    }

    /** The innermost cause, or the sentence for a Derby database another JVM holds (Derby's state XSDB6). */
    private static String reason(Throwable e) {
        Throwable cause = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            boolean derbyBusy = t instanceof SQLException sql && "XSDB6".equals(sql.getSQLState())
                    || String.valueOf(t.getMessage()).startsWith("Another instance of Derby may have already booted");
            if (derbyBusy) {
                return "another program (a Facteur 0.1 still running?) has the Derby database open; stop it first.";
            }
            cause = t;
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** A command-line tool: only warnings from the libraries (connection pool, schema migrations), not their chatter. */
    private static void quietLibraries() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        }
    }
}
