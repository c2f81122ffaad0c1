package org.facteur.mailserver.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.BasicFileAttributes;
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
 * beside it a lock file ({@code facteur-….partial-N.lock}) that the writing process holds locked while it writes, and
 * in which it names its host. The lock file gets its name only once locked (it is created and locked under a hidden
 * temporary name, then renamed: a lock belongs to the file, not to its name), before the directory exists, and it is
 * removed after the directory was renamed or deleted. So a partial directory whose lock nobody holds was left by a
 * backup that never finished: Facteur killed with {@code kill -9}, the machine stopped, or the stop's wait for the
 * backup ran out (a disk that stopped answering). {@link #removeAbandoned} deletes those (each is a whole copy of the
 * mail) before the next snapshot is written into the same directory. The lock is the operating system's
 * ({@code fcntl}): a process that dies releases it, and a backup under way in another process keeps its own. Where
 * that cannot be relied on, the partial directory is removed only once {@link #UNLOCKED_AGE} old: written from another
 * host (a directory shared over NFS or SMB may keep locks local to each host), by a writer that could not lock (a
 * file system without locks; removing then fails there too, and nothing is removed), or without a lock file (an
 * earlier release). "This host" is its host name: two machines of one name sharing a directory whose locks stay
 * local would trust each other's free locks. A kill in the instant between creating and renaming the lock file leaves
 * a small hidden {@code .facteur-….locking} file: it is removed once {@link #UNLOCKED_AGE} old (a live writer keeps
 * that name only while it creates, locks and fills the file).
 */
final class PartialSnapshot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartialSnapshot.class);
    static final String MARK = ".partial-";
    static final String LOCK_SUFFIX = ".lock";
    private static final String LOCKING_SUFFIX = ".locking";
    /** In the directory while it is being written; see {@link #checkNotRemovedWhileWriting}. */
    private static final String MARKER = ".being-written";
    /** How old a partial directory must be to be removed when its lock cannot tell whether its writer lives. */
    static final Duration UNLOCKED_AGE = Duration.ofDays(1);
    /**
     * The lock files this process holds, by file (device and inode, from a stat: the same file under another path is
     * still recognised). Never opened by {@link #removeAbandoned}: closing any descriptor of a file releases every lock
     * this process holds on it ({@code fcntl}'s rule, {@link FileLock}'s documentation), and even
     * {@code Files.setLastModifiedTime} opens the file. Nothing else in Facteur opens a lock file.
     */
    private static final Set<Object> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Path lockFile;
    private final Object lockKey;
    private final FileChannel channel;

    private PartialSnapshot(Path directory, Path lockFile, Object lockKey, FileChannel channel) {
        this.directory = directory;
        this.lockFile = lockFile;
        this.lockKey = lockKey;
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
        Object lockKey = null;
        FileChannel channel = null;
        boolean created = false;
        boolean madeDirectory = false;
        try {
            lockKey = fileKey(locking);
            HELD.add(lockKey);
            channel = FileChannel.open(locking, StandardOpenOption.WRITE);
            boolean locked = lock(channel, locking);
            channel.write(ByteBuffer.wrap(Writer.here(locked).getBytes(StandardCharsets.UTF_8)));
            Files.move(locking, lockFile, StandardCopyOption.ATOMIC_MOVE);
            Files.createDirectory(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            madeDirectory = true;
            Files.createFile(directory.resolve(MARKER));
            PartialSnapshot writing = new PartialSnapshot(directory, lockFile, lockKey, channel);
            created = true;
            return writing;
        } finally {
            if (!created) {
                if (madeDirectory) {
                    SnapshotWriter.deleteTree(directory);
                }
                deleteQuietly(locking);
                deleteQuietly(lockFile);
                closeQuietly(channel, locking);
                if (lockKey != null) {
                    HELD.remove(lockKey);
                }
            }
        }
    }

    /** Locks the new file; false when the file system has no locks. */
    private static boolean lock(FileChannel channel, Path locking) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException e) { // a file system without locks (NFS without lockd): back up all the same
            LOG.warn("The backup directory does not support file locks ({}): if this backup is killed, its partial"
                    + " directory stays until you remove it", e.getMessage());
            return false;
        }
        if (lock == null) {
            throw new IOException("Could not lock " + locking + ", which this process just created");
        }
        return true;
    }

    Path directory() {
        return directory;
    }

    /**
     * Fails when the directory was removed, even in part (a cleaner removes the marker first), or removed and made again
     * (copying the next file makes it again, and a new directory can get the old one's inode) while the snapshot was
     * being written; else removes the marker. Called once every file is written, just before the manifest: files
     * removed after that are missing when the manifest is checked against them.
     */
    void checkNotRemovedWhileWriting() throws IOException {
        Path marker = directory.resolve(MARKER);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            throw new SnapshotException("The snapshot's directory " + directory + " was removed while it was being"
                    + " written (by another process?); nothing was kept.");
        }
        Files.delete(marker);
    }

    /** Releases the lock and removes the lock file; the directory was renamed or deleted before. */
    @Override
    public void close() {
        deleteQuietly(lockFile);
        closeQuietly(channel, lockFile);
        HELD.remove(lockKey);
    }

    /**
     * Deletes the partial directories (and lock files) in {@code target} that no backup is writing any more; returns
     * the directories removed. Nothing that is not named like a snapshot's partial directory or lock file is touched,
     * and an entry that cannot be checked or removed is logged and left: the backup goes on.
     */
    static List<Path> removeAbandoned(Path target, Instant now) throws IOException {
        List<Path> removed = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> list = Files.list(target)) {
            entries = list.filter(p -> isPartialName(p.getFileName().toString())
                    || isLockingName(p.getFileName().toString())).sorted().toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            try {
                if (isLockingName(name)) {
                    if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && olderThan(entry, now)) {
                        Files.delete(entry); // not opened: this process may hold a lock on a file of that name
                        LOG.info("Removed {}, a lock file left by a backup killed as it began", entry);
                    }
                } else if (name.endsWith(LOCK_SUFFIX)) {
                    Path directory = target.resolve(name.substring(0, name.length() - LOCK_SUFFIX.length()));
                    if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !HELD.contains(fileKey(entry))
                            && removeIfAbandoned(entry, directory, now)) {
                        removed.add(directory);
                    }
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && !Files.exists(target.resolve(name + LOCK_SUFFIX), LinkOption.NOFOLLOW_LINKS)
                        && olderThan(entry, now)) {
                    deleteMarkerThenTree(entry);
                    removed.add(entry);
                }
            } catch (NoSuchFileException e) {
                // finished and removed meanwhile
            } catch (IOException | UncheckedIOException e) {
                SnapshotCancelledException.throwIfInterrupted(e); // Facteur is stopping: no more looking
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

    /**
     * Deletes {@code directory} and {@code lockFile} when no process holds the lock and the lock can be trusted (the
     * writer was on this host and held it), or else when the lock file is {@link #UNLOCKED_AGE} old; true when it did.
     */
    private static boolean removeIfAbandoned(Path lockFile, Path directory, Instant now) throws IOException {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return false; // another cleaner of this process holds it for a moment (a writer's is in HELD)
            } catch (IOException e) {
                return false; // a file system without locks: whether its writer lives cannot be known
            }
            if (lock == null) {
                return false; // another process is writing it
            }
            ByteBuffer said = ByteBuffer.allocate(1024);
            channel.read(said, 0);
            String writer = new String(said.array(), 0, said.position(), StandardCharsets.UTF_8);
            if (!Writer.trusted(writer) && !olderThan(lockFile, now)) {
                return false;
            }
            boolean hadDirectory = Files.exists(directory, LinkOption.NOFOLLOW_LINKS);
            deleteMarkerThenTree(directory);
            Files.deleteIfExists(lockFile);
            return hadDirectory;
        } catch (NoSuchFileException e) {
            return false; // finished and removed meanwhile
        }
    }

    /** What a lock file says about its writer: its host and process, and whether it could lock. */
    static final class Writer {
        private static final String HOST = host();

        private Writer() {
        }

        static String here(boolean locked) {
            return "host " + HOST + "\npid " + ProcessHandle.current().pid() + "\nlocked " + locked + "\n";
        }

        /** Whether a free lock of this writer means it died: it held the lock, on this host. */
        static boolean trusted(String said) {
            List<String> lines = said.lines().toList();
            return lines.contains("host " + HOST) && lines.contains("locked true");
        }

        private static String host() {
            try {
                return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (IOException e) {
                try {
                    return java.net.InetAddress.getLocalHost().getHostName();
                } catch (IOException unknown) {
                    return "unknown";
                }
            }
        }
    }

    private static boolean isPartialName(String name) {
        int mark = name.indexOf(MARK);
        return mark > 0 && SnapshotName.taken(name.substring(0, mark)).isPresent()
                && name.length() > mark + MARK.length();
    }

    /** The hidden name a lock file has until it is locked: {@code .} partial name {@code .locking}. */
    private static boolean isLockingName(String name) {
        return name.startsWith(".") && name.endsWith(LOCKING_SUFFIX)
                && isPartialName(name.substring(1, name.length() - LOCKING_SUFFIX.length()));
    }

    private static boolean olderThan(Path path, Instant now) throws IOException {
        FileTime modified = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        return modified.toInstant().isBefore(now.minus(UNLOCKED_AGE));
    }

    /** The file's identity (device and inode), from a stat: the file is not opened. */
    private static Object fileKey(Path path) throws IOException {
        Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        return key != null ? key : path.toAbsolutePath().normalize(); // a file system without inodes
    }

    /**
     * The marker first, so that a writer still at work finds it gone even if the rest of the removal is cut short
     * ({@link SnapshotWriter#deleteTree} goes in reverse name order, which would leave {@code .being-written} last).
     */
    private static void deleteMarkerThenTree(Path directory) throws IOException {
        Files.deleteIfExists(directory.resolve(MARKER));
        SnapshotWriter.deleteTree(directory);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", path, e.getMessage());
        }
    }

    private static void closeQuietly(FileChannel channel, Path path) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Could not close {}: {}", path, e.getMessage());
        }
    }
}
