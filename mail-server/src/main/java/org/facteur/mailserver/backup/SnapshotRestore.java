package org.facteur.mailserver.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.facteur.mailserver.store.sql.SqlEngine;

/**
 * Restores a snapshot into an empty data directory (Facteur stopped): every file is checked against the manifest
 * first, and nothing is written unless all match. The restored server rebuilds what a snapshot leaves out (the
 * search index, the admin token) at its first start.
 */
public final class SnapshotRestore {
    private SnapshotRestore() {
    }

    /** Restores into a data directory whose database is SQLite under it; returns the number of files restored. */
    public static int restore(Path snapshot, DataDirectory target) throws IOException {
        return restore(snapshot, target, DatabaseSettings.sqlite(target.database()));
    }

    /**
     * Restores into a data directory and {@code database}: the snapshot's own engine's, SQLite under the data directory
     * or an empty PostgreSQL database, which gets the dump. Returns the number of files restored.
     */
    public static int restore(Path snapshot, DataDirectory target, DatabaseSettings database) throws IOException {
        Path from = snapshot.toAbsolutePath().normalize();
        if (!Files.isDirectory(from)) {
            throw new SnapshotException("There is no snapshot at " + from + ".");
        }
        Manifest manifest = Manifest.read(from);
        List<String> problems = manifest.problems(from);
        if (!problems.isEmpty()) {
            throw new SnapshotException("The snapshot " + from + " does not match its manifest, so nothing was restored: "
                    + String.join("; ", problems) + ".");
        }
        boolean dumped = Files.isRegularFile(from.resolve(PostgresDump.FILE), LinkOption.NOFOLLOW_LINKS);
        if (dumped && database.engine() != SqlEngine.POSTGRESQL) {
            throw new SnapshotException("This snapshot holds a PostgreSQL database: set FACTEUR_DATABASE_URL (and"
                    + " FACTEUR_DATABASE_USER, FACTEUR_DATABASE_PASSWORD) to an empty PostgreSQL database to restore it into.");
        }
        if (!dumped && database.engine() == SqlEngine.POSTGRESQL) {
            throw new SnapshotException("This snapshot holds an SQLite database (var/facteur.db), not a PostgreSQL one:"
                    + " unset FACTEUR_DATABASE_URL to restore it as it was taken.");
        }
        Path root = target.root();
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(root)) {
                throw new SnapshotException(root + " is not a directory.");
            }
            try (Stream<Path> entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    throw new SnapshotException("The data directory " + root + " is not empty: restore only into an empty"
                            + " directory (stop Facteur and move the old one aside first).");
                }
            }
        } else {
            Files.createDirectories(root);
        }
        if (dumped) {
            requireEmpty(database);
        }
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        SnapshotWriter.copyTree(from, root, p -> {
            String name = from.relativize(p).toString();
            return !name.equals(Manifest.FILE) && !name.equals(SnapshotWriter.INFO) && !name.equals(PostgresDump.FILE);
        });
        if (dumped) {
            try {
                PostgresDump.restore(database, from.resolve(PostgresDump.FILE));
            } catch (SnapshotException e) {
                throw new SnapshotException(e.getMessage() + ". The database was left empty; empty " + root
                        + " too before trying again.");
            }
        }
        return manifest.files() - 1;
    }

    /** A dump goes only into a database without tables of its own: nothing is overwritten, nothing is mixed. */
    private static void requireEmpty(DatabaseSettings database) throws IOException {
        String name = PostgresConnection.of(database).database();
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables"
                     + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")) {
            rs.next();
            long tables = rs.getLong(1);
            if (tables > 0) {
                throw new SnapshotException("The database " + name + " is not empty (" + tables + " tables): restore only"
                        + " into an empty database (createdb a new one, or drop and create this one), so nothing is mixed.");
            }
        } catch (SQLException e) {
            throw new SnapshotException("Cannot reach the database " + name + " to restore into: " + e.getMessage());
        }
    }
}
