package org.facteur.mailserver.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory a snapshot is written into before it is verified and renamed ({@code facteur-….partial-N}), and
 * beside it a lock file ({@code facteur-….partial-N.lock}) that the writing process holds locked while it writes.
 * The lock file gets its name only once locked (it is created and locked under a hidden temporary name, then renamed:
 * a lock belongs to the file, not to its name), before the directory exists, and it is removed after the directory
 * was renamed or deleted. So a partial directory whose lock nobody holds was left by a backup that never finished:
 * Facteur killed with {@code kill -9}, the machine stopped, or the stop's wait for an uninterruptible
 * {@code VACUUM INTO} ran out. {@link #removeAbandoned} deletes those (each is a whole copy of the mail) before the
 * next snapshot is written. The lock is the operating system's ({@code fcntl}): a process that dies releases it, and
 * a backup under way in another process (another node writing into the same directory) keeps its own. A kill in the
 * instant between creating and renaming the lock file leaves an empty hidden {@code .facteur-….locking} file, which
 * is not touched.
 */
final class PartialSnapshot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartialSnapshot.class);
    static final String MARK = ".partial-";
    static final String LOCK_SUFFIX = ".lock";
    private static final String LOCKING_SUFFIX = ".locking";
    /**
     * A partial directory without a lock file predates lock files (or lost its lock file by hand): it is removed only
     * once no backup could still be writing it.
     */
    static final Duration UNLOCKED_AGE = Duration.ofDays(1);
    /**
     * The lock files this process holds. Never opened by {@link #removeAbandoned}: closing any descriptor of a file
     * releases every lock this process holds on it ({@code fcntl}'s rule, {@link FileLock}'s documentation), and
     * even {@code Files.setLastModifiedTime} opens the file. Nothing else in Facteur opens a lock file.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Path lockFile;
    private final FileChannel channel;

    private PartialSnapshot(Path directory, Path lockFile, FileChannel channel) {
        this.directory = directory;
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /** Creates and locks the lock file, then the directory, both readable by their owner only. */
    static PartialSnapshot create(Path target, String snapshotName) throws IOException {
        Path locking = Files.createTempFile(target, "." + snapshotName + MARK, LOCKING_SUFFIX,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        String name = locking.getFileName().toString();
        String partial = name.substring(1, name.length() - LOCKING_SUFFIX.length());
        Path lockFile = target.resolve(partial + LOCK_SUFFIX);
        Path directory = target.resolve(partial);
        FileChannel channel = FileChannel.open(locking, StandardOpenOption.WRITE);
        HELD.add(lockFile);
        try {
            lock(channel, locking);
            Files.move(locking, lockFile, StandardCopyOption.ATOMIC_MOVE);
            Files.createDirectory(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return new PartialSnapshot(directory, lockFile, channel);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(locking);
            Files.deleteIfExists(lockFile);
            channel.close();
            HELD.remove(lockFile);
            throw e;
        }
    }

    private static void lock(FileChannel channel, Path locking) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException e) { // a file system without locks (NFS without lockd): back up all the same
            LOG.warn("The backup directory does not support file locks ({}): if this backup is killed, remove its"
                    + " partial directory by hand", e.getMessage());
            return;
        }
        if (lock == null) {
            throw new IOException("Could not lock " + locking + ", which this process just created");
        }
    }

    Path directory() {
        return directory;
    }

    /** Releases the lock and removes the lock file; the directory was renamed or deleted before. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", lockFile, e.getMessage());
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Could not close {}: {}", lockFile, e.getMessage());
        } finally {
            HELD.remove(lockFile);
        }
    }

    /**
     * Deletes the partial directories (and lock files) in {@code target} that no backup is writing any more; returns
     * the directories removed. Nothing that is not named like a snapshot's partial directory or lock file is touched.
     */
    static List<Path> removeAbandoned(Path target, Instant now) throws IOException {
        List<Path> removed = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(target)) {
            entries = list.filter(p -> isPartialName(p.getFileName().toString())).sorted().toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            try {
                if (name.endsWith(LOCK_SUFFIX)) {
                    Path directory = target.resolve(name.substring(0, name.length() - LOCK_SUFFIX.length()));
                    if (!HELD.contains(entry) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                            && removeIfUnlocked(entry, directory)) {
                        removed.add(directory);
                    }
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && !Files.exists(target.resolve(name + LOCK_SUFFIX), LinkOption.NOFOLLOW_LINKS)
                        && olderThan(entry, now, UNLOCKED_AGE)) {
                    SnapshotWriter.deleteTree(entry);
                    removed.add(entry);
                }
            } catch (IOException e) { // the backup goes on; the next one tries again
                LOG.warn("Could not check or remove {}, which a backup that did not finish may have left: {}", entry,
                        e.toString());
            }
        }
        removed.removeIf(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)); // could not be deleted (logged)
        for (Path p : removed) {
            LOG.warn("Removed {}, left by a backup that did not finish (Facteur was killed or the machine stopped"
                    + " during it)", p);
        }
        return removed;
    }

    /** Deletes {@code directory} and {@code lockFile} when no process holds the lock; true when it did. */
    private static boolean removeIfUnlocked(Path lockFile, Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return false; // locked by this process through another channel
            } catch (IOException e) {
                return false; // a file system without locks: whether its writer lives cannot be known
            }
            if (lock == null) {
                return false; // another process is writing it
            }
            boolean hadDirectory = Files.exists(directory, LinkOption.NOFOLLOW_LINKS);
            SnapshotWriter.deleteTree(directory);
            Files.deleteIfExists(lockFile);
            return hadDirectory;
        } catch (NoSuchFileException e) {
            return false; // finished and removed meanwhile
        }
    }

    private static boolean isPartialName(String name) {
        int mark = name.indexOf(MARK);
        return mark > 0 && SnapshotName.taken(name.substring(0, mark)).isPresent()
                && name.length() > mark + MARK.length();
    }

    private static boolean olderThan(Path path, Instant now, Duration age) throws IOException {
        FileTime modified = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        return modified.toInstant().isBefore(now.minus(age));
    }
}
