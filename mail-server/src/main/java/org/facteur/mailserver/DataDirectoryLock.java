package org.facteur.mailserver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Facteur per data directory: two processes on the same directory would both take every queued mail (the
 * queues are plain files) and deliver it twice, and would write the same search index. The lock is the operating
 * system's lock on {@link DataDirectory#processLock()}, so it ends with the process however it ends ({@code kill -9}
 * included); a Facteur that is still stopping is waited for, up to the given time.
 *
 * <p>The operating system's lock belongs to the process, and closing any channel of the file in the process drops
 * it: so while this process holds a directory, another server started in it waits on {@link #HELD} without ever
 * opening the file. Needs a file system with working locks (local disks; NFS only with its lock service).
 */
public final class DataDirectoryLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryLock.class);
    /** The lock files this process holds. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the data directory, waiting at most {@code wait} for a Facteur that holds it to stop. */
    public static DataDirectoryLock acquire(DataDirectory data, Duration wait) throws IOException, InterruptedException {
        Path file = data.processLock();
        Files.createDirectories(file.getParent());
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (true) {
            if (HELD.add(file)) {
                DataDirectoryLock taken = tryTake(file);
                if (taken != null) {
                    return taken;
                }
                HELD.remove(file);
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("Another Facteur is running on the data directory " + data.root()
                        + ": stop it first (two on one directory would deliver every queued mail twice)");
            }
            if (!told) {
                LOG.warn("Another Facteur holds the data directory {}; waiting up to {} s for it to stop", data.root(),
                        wait.toSeconds());
                told = true;
            }
            Thread.sleep(200);
        }
    }

    /** The lock when no other process holds it, else null; the caller holds {@code file} in {@link #HELD}. */
    private static DataDirectoryLock tryTake(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DataDirectoryLock(file, channel, lock);
            }
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            HELD.remove(file);
            throw e;
        }
        channel.close(); // this process held no lock on it (HELD says so): closing drops nothing of ours
        return null;
    }

    /** Lets the directory go; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("Could not release the data directory's lock: {}", e.toString());
        } finally {
            try {
                channel.close(); // releases the lock in any case
            } catch (IOException e) {
                LOG.warn("Could not close the data directory's lock file: {}", e.toString());
            }
            HELD.remove(file);
        }
    }
}
