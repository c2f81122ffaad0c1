package org.facteur.mailserver.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.facteur.mailserver.store.sql.DatabaseSettings;

/**
 * A PostgreSQL store in a snapshot: {@code pg_dump}'s custom format (compressed, restorable table by table), taken
 * in one consistent transaction of the server's, with the message bodies, which live in the same database. Runs
 * Debian's {@code postgresql-client} tools, whose major version must be at least the server's (they refuse
 * otherwise, and their sentence is passed on).
 */
final class PostgresDump {
    /** The dump's name inside a snapshot: outside the data directory's layout, so a restore never copies it there. */
    static final String FILE = "database.pgdump";

    private PostgresDump() {
    }

    static void dump(DatabaseSettings settings, Path file) throws IOException {
        run(settings, List.of("pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file=" + file),
                "pg_dump could not dump the database");
    }

    /** Reads the whole table of contents of a dump: a truncated or damaged file fails here. */
    static void check(Path file) throws IOException {
        List<String> command = List.of("pg_restore", "--list", file.toString());
        String output = execute(command, null);
        if (output != null) {
            throw new SnapshotException("The database dump " + file + " does not read back: " + output);
        }
    }

    /** Restores a dump into an empty database, in one transaction: on any error, the database stays empty. */
    static void restore(DatabaseSettings settings, Path file) throws IOException {
        PostgresConnection connection = PostgresConnection.of(settings);
        run(settings, List.of("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                "--dbname=" + connection.database(), file.toString()), "pg_restore could not restore the database");
    }

    private static void run(DatabaseSettings settings, List<String> command, String failure) throws IOException {
        String output = execute(command, PostgresConnection.of(settings));
        if (output != null) {
            throw new SnapshotException(failure + ": " + output);
        }
    }

    /**
     * Null when the tool succeeded, else what it said (or that it is missing). Its output goes to a temporary file, so
     * that waiting for it can be interrupted (a stop cancelling a backup): the tool is then killed.
     */
    private static String execute(List<String> command, PostgresConnection connection) throws IOException {
        Path output = Files.createTempFile("facteur-" + command.get(0), ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            if (connection != null) {
                builder.environment().putAll(connection.environment());
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new SnapshotException(command.get(0) + " is not installed on this machine: install PostgreSQL's client"
                        + " tools (apt-get install postgresql-client), of the server's major version or newer.");
            }
            process.getOutputStream().close();
            int exit;
            try {
                exit = process.waitFor();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new SnapshotCancelledException(e);
            }
            if (exit == 0) {
                return null;
            }
            if (SnapshotCancelledException.stoppedBySignal(exit)) {
                throw new SnapshotCancelledException();
            }
            String said = Files.readString(output, StandardCharsets.UTF_8).strip();
            return said.isEmpty() ? "exit code " + exit : said.replaceAll("\\s*\\R\\s*", " ");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
