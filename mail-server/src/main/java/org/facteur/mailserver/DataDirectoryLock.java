package org.facteur.mailserver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Facteur per data directory: two processes on the same directory would both take every queued mail (the
 * queues are plain files) and deliver it twice, and would write the same search index. The lock is the operating
 * system's lock on {@link DataDirectory#processLock()}, so it ends with the process however it ends ({@code kill -9}
 * included); a Facteur that is still stopping is waited for, up to the given time.
 */
public final class DataDirectoryLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryLock.class);

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the data directory, waiting at most {@code wait} for a Facteur that holds it to stop. */
    public static DataDirectoryLock acquire(DataDirectory data, Duration wait) throws IOException, InterruptedException {
        Path file = data.processLock();
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            boolean told = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new DataDirectoryLock(channel, lock);
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
        } catch (IOException | RuntimeException | InterruptedException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process (a server not closed yet)
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warn("Could not release the data directory's lock: {}", e.toString());
        }
    }
}
