package org.facteur.mailserver.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.queue.FileMailQueue;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.SqlEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a snapshot of a running Facteur's data directory, part by part as {@link SnapshotLayout} says, in this order:
 * <ol>
 * <li>the mail queues' files (one per waiting mail; files still being written are left out, their mail not yet
 *     acknowledged): every mail acknowledged so far is either in them or already in the database (a mail delivered
 *     while they are copied is in both, and is delivered twice after a restore). A mail moving from one queue to
 *     another during the copy is caught by another pass, in all but a rare case (see {@link #copyQueue}). Of an earlier release's
 *     ActiveMQ queue, its journal files (KahaDB rebuilds its index at start, then the mail moves to the queues);</li>
 * <li>the database, through SQLite's online backup ({@code VACUUM INTO}) on the server's own pool: one consistent
 *     read transaction while mail keeps flowing. A PostgreSQL store is dumped by {@code pg_dump} instead
 *     ({@link PostgresDump}), also in one transaction, message bodies included (they live in it);</li>
 * <li>message bodies: a body is written before the row that refers to it commits, and the orphan collector deletes
 *     one only an hour after its last message went, so every body the copied database refers to is there; that is
 *     checked before the snapshot is declared good;</li>
 * <li>the files: configuration, certificates, keys, settings, mail repositories.</li>
 * </ol>
 * It is written under a {@code .partial} name ({@link PartialSnapshot}, which also removes those left by a backup that
 * never finished), then the SHA-256 of every file goes to the {@link Manifest}, every
 * file is read again and checked against it, and only then does the directory get its final name. An interrupt (a
 * stop, through {@link SnapshotTaker}) gives up between two files with {@link SnapshotCancelledException}, the partial
 * directory removed.
 */
public final class SnapshotWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);
    private static final int QUEUE_PASSES = 10;
    static final String INFO = "snapshot.properties";

    private final DataDirectory data;
    private final Database database;
    private final Clock clock;

    public SnapshotWriter(DataDirectory data, Database database, Clock clock) {
        this.data = data;
        this.database = database;
        this.clock = clock;
    }

    public Snapshot take(Path into) throws IOException {
        Path target = into.toAbsolutePath().normalize();
        if (target.startsWith(data.root())) {
            throw new SnapshotException("Snapshots cannot go inside the data directory (" + data.root()
                    + "): choose another directory with --to.");
        }
        long begin = System.nanoTime();
        Instant now = clock.instant();
        Files.createDirectories(target);
        PartialSnapshot writing;
        try {
            SnapshotCancelledException.throwIfInterrupted();
            PartialSnapshot.removeAbandoned(target, now);
            writing = PartialSnapshot.create(target, SnapshotName.of(now));
        } catch (IOException | RuntimeException e) {
            SnapshotCancelledException.throwIfInterrupted(e);
            throw e;
        }
        try (writing) {
            return take(target, writing, now, begin);
        }
    }

    private Snapshot take(Path target, PartialSnapshot writing, Instant now, long begin) throws IOException {
        Path partial = writing.directory();
        try {
            List<SnapshotLayout.Part> parts = SnapshotLayout.of(data);
            for (SnapshotLayout.Treatment step : SnapshotLayout.Treatment.values()) {
                for (SnapshotLayout.Part part : parts) {
                    if (part.treatment() == step) {
                        SnapshotCancelledException.throwIfInterrupted();
                        take(part, partial);
                    }
                }
            }
            copyUndeclared(partial);
            if (database.engine() == SqlEngine.SQLITE) {
                checkBodies(partial);
            } else {
                PostgresDump.check(partial.resolve(PostgresDump.FILE));
            }
            writing.checkNotRemovedWhileWriting();
            writeInfo(partial, now);
            Manifest written = Manifest.of(partial);
            written.write(partial);
            force(partial.resolve(Manifest.FILE));
            List<String> problems = Manifest.read(partial).problems(partial);
            if (!problems.isEmpty()) {
                throw new SnapshotException("The snapshot did not verify after writing: " + String.join("; ", problems) + ".");
            }
            SnapshotCancelledException.throwIfInterrupted();
            Path done = finalName(target, now);
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            forceUninterruptibly(target); // too late to cancel: the rename must reach the disk
            long bytes = size(done);
            Snapshot snapshot = new Snapshot(done, written.files(), bytes, Duration.ofNanos(System.nanoTime() - begin));
            LOG.info("Snapshot {}: {} files, {} bytes, verified, in {} ms", done, snapshot.files(), bytes,
                    snapshot.took().toMillis());
            return snapshot;
        } catch (IOException | RuntimeException e) {
            deleteTree(partial);
            SnapshotCancelledException.throwIfInterrupted(e);
            throw e;
        }
    }

    /** A queued mail's file (not one being written), or a journal file of an earlier release's ActiveMQ queue. */
    private static boolean isQueuedMail(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(FileMailQueue.SUFFIX) && !name.startsWith(".") || name.matches("db-\\d+\\.log");
    }

    private void take(SnapshotLayout.Part part, Path snapshot) throws IOException {
        Path to = snapshot.resolve(data.root().relativize(part.path()).toString());
        switch (part.treatment()) {
            case QUEUE -> copyQueue(part.path(), to, SnapshotWriter::isQueuedMail);
            case DATABASE -> {
                if (database.engine() == SqlEngine.SQLITE) {
                    onlineBackup(to);
                } else {
                    PostgresDump.dump(database.settings(), snapshot.resolve(PostgresDump.FILE));
                }
            }
            case BODIES -> copyTree(part.path(), to, p -> !p.getFileName().toString().startsWith(".tmp-")
                    && !part.path().relativize(p).startsWith("incoming"));
            case FILES -> copyTree(part.path(), to, p -> true);
            case LEFT_OUT -> {
            }
        }
    }

    /** SQLite writes a consistent copy of the live database, read in one transaction, on a connection of the server's pool. */
    private void onlineBackup(Path to) throws IOException {
        Files.createDirectories(to.getParent());
        String file = to.toString().replace("'", "''");
        database.read(c -> {
            try (Statement s = c.createStatement()) {
                CancelOnInterrupt.execute(s, "VACUUM INTO '" + file + "'"); // a stop need not wait for the copy
            }
            return null;
        });
        force(to);
    }

    /**
     * Files in the data directory that no part of {@link DataDirectory}'s layout holds: copied as they are, and
     * named in the log, so that a component writing outside the layout is noticed rather than left out.
     */
    private void copyUndeclared(Path snapshot) throws IOException {
        Set<Path> places = SnapshotLayout.of(data).stream().map(SnapshotLayout.Part::path).collect(Collectors.toSet());
        List<Path> undeclared = new ArrayList<>();
        Files.walkFileTree(data.root(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return places.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && SnapshotLayout.partOf(data, file).isEmpty()) {
                    undeclared.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // gone meanwhile
            }
        });
        for (Path file : undeclared) {
            copyFile(file, snapshot.resolve(data.root().relativize(file).toString()));
        }
        if (!undeclared.isEmpty()) {
            LOG.warn("Copied {} file(s) that are in no part of the data directory's layout (DataDirectory), first {}",
                    undeclared.size(), undeclared.get(0));
        }
    }

    /** Every message of the copied database has its body in the snapshot. */
    private void checkBodies(Path snapshot) throws IOException {
        Path db = snapshot.resolve(data.root().relativize(data.database()).toString());
        Path bodies = snapshot.resolve(data.root().relativize(data.blobs()).toString());
        List<String> missing = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT blob_id FROM message")) {
            while (rs.next()) {
                String id = rs.getString(1);
                if (!Files.isRegularFile(bodies.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id))) {
                    missing.add(id);
                }
            }
        } catch (SQLException e) {
            throw new IOException("Cannot read the copied database " + db + ": " + e.getMessage(), e);
        }
        if (!missing.isEmpty()) {
            throw new SnapshotException(missing.size() + " message bodies the copied database refers to are missing"
                    + " (first: " + missing.get(0) + "); the snapshot was not kept.");
        }
    }

    private void writeInfo(Path snapshot, Instant taken) throws IOException {
        Properties info = new Properties();
        info.setProperty("format", "1");
        info.setProperty("taken", taken.toString());
        info.setProperty("data-directory", data.root().toString());
        info.setProperty("database", database.engine().migrationFolder());
        for (SnapshotLayout.Part part : SnapshotLayout.of(data)) {
            info.setProperty("part." + data.root().relativize(part.path()), part.treatment() + ": " + part.why());
        }
        try (var out = Files.newOutputStream(snapshot.resolve(INFO))) {
            info.store(out, "Facteur snapshot; restore with ./facteur restore " + snapshot.getFileName());
        }
    }

    private static Path finalName(Path target, Instant now) throws IOException {
        String base = SnapshotName.of(now);
        Path candidate = target.resolve(base);
        for (int n = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = target.resolve(base + "-" + n);
        }
        return candidate;
    }

    /** Copies the regular files under {@code from} that {@code keep} accepts; a file that vanishes meanwhile is skipped. */
    static void copyTree(Path from, Path to, Predicate<Path> keep) throws IOException {
        for (Path file : files(from, keep)) {
            copyFile(file, to.resolve(from.relativize(file).toString()));
        }
    }

    /**
     * Copies the queue's files in passes. A mail moving from one queue to another (spool to outgoing, a retry) gets its
     * new file before its old one goes, but a listing is not atomic: it may miss the old file (gone) and the new one
     * (not there yet when its directory was read). So at least two passes, and more while the last one found a listed
     * file gone (at most {@value #QUEUE_PASSES}); each pass copies what the earlier ones did not. Mail that arrived
     * after the first listing is copied when a pass lists it, and need not be. Not airtight: a mail that moves twice
     * between the listings of the last two passes can be in neither copy (hard links taken under the queues' locks
     * would be; not built).
     */
    private static void copyQueue(Path from, Path to, Predicate<Path> keep) throws IOException {
        Set<Path> copied = new HashSet<>();
        boolean vanished = true;
        int pass = 0;
        while (pass < 2 || vanished && pass < QUEUE_PASSES) {
            vanished = false;
            for (Path file : files(from, keep)) {
                if (copied.add(file) && !copyFile(file, to.resolve(from.relativize(file).toString()))) {
                    vanished = true;
                }
            }
            pass++;
        }
        LOG.info("Mail queues copied in {} passes{}", pass, vanished ? ", files still moving in the last" : "");
    }

    /** The regular files under {@code from} (or {@code from} itself) that {@code keep} accepts, sorted; vanishing ones skipped. */
    private static List<Path> files(Path from, Predicate<Path> keep) throws IOException {
        if (!Files.isDirectory(from)) {
            return Files.isRegularFile(from) && keep.test(from) ? List.of(from) : List.of();
        }
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && keep.test(file)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // renamed or deleted since its directory was read
                }
                throw e;
            }
        });
        files.sort(null);
        return files;
    }

    /** False when {@code file} vanished before it could be copied. */
    private static boolean copyFile(Path file, Path to) throws IOException {
        SnapshotCancelledException.throwIfInterrupted();
        Files.createDirectories(to.getParent());
        try {
            Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (NoSuchFileException e) {
            return false; // removed since the walk (a queued mail delivered meanwhile, a temporary file)
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Copied twice: " + to, e);
        }
        force(to);
        return true;
    }

    /** As {@link #force}, retried when an interrupt closed the channel; the interrupt is given back afterwards. */
    static void forceUninterruptibly(Path path) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                    channel.force(true);
                    return;
                } catch (java.nio.channels.ClosedByInterruptException e) {
                    interrupted |= Thread.interrupted();
                } catch (IOException e) {
                    LOG.debug("Could not force {}: {}", path, e.getMessage());
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void force(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Could not force {}: {}", path, e.getMessage());
        }
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) { // the walk's: an entry gone meanwhile, unreadable
            LOG.warn("Could not remove {}: {}", dir, e.getMessage());
        }
    }
}
