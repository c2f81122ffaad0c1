package org.facteur.mailserver.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files under one directory (the data directory's {@code var/blobs}), named by their SHA-256 and fanned
 * out in two levels ({@code ab/cd/abcd…}) so that no directory holds more than a few thousand entries.
 * {@link #save} writes a temporary file beside the final one, forces it to disk, renames it atomically into place
 * and forces the directory, all before it returns: once it has returned, the blob survives a power cut. Saving
 * bytes that are already stored keeps the one file.
 */
public final class FileBlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    public FileBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath();
    }

    @Override
    public BlobId save(byte[] content) throws IOException {
        BlobId id = BlobId.of(content);
        Path target = path(id);
        if (Files.exists(target)) {
            return id;
        }
        Path dir = directoryFor(target);
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        moveIntoPlace(temp, target);
        return id;
    }

    @Override
    public BlobId save(InputStream content) throws IOException {
        Path temp = Files.createDirectories(root.resolve("incoming")).resolve(TEMP_PREFIX + UUID.randomUUID());
        MessageDigest digest = BlobId.digest();
        try {
            try (DigestInputStream in = new DigestInputStream(content, digest);
                 FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                in.transferTo(out);
                out.flush();
                channel.force(true);
            }
            BlobId id = new BlobId(HexFormat.of().formatHex(digest.digest()));
            Path target = path(id);
            if (Files.exists(target)) {
                Files.delete(temp);
                return id;
            }
            directoryFor(target);
            moveIntoPlace(temp, target);
            return id;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    @Override
    public Optional<InputStream> open(BlobId id) throws IOException {
        try {
            return Optional.of(Files.newInputStream(path(id)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] read(BlobId id) throws IOException {
        try {
            return Files.readAllBytes(path(id));
        } catch (NoSuchFileException e) {
            throw new NoSuchBlobException(id);
        }
    }

    @Override
    public boolean exists(BlobId id) {
        return Files.exists(path(id));
    }

    @Override
    public void delete(BlobId id) throws IOException {
        Path file = path(id);
        if (Files.deleteIfExists(file)) {
            forceDirectory(file.getParent());
        }
    }

    /**
     * Removes temporary files older than {@code age} that a crash left behind (a save that never reached its
     * rename). Returns how many went.
     */
    public int removeAbandonedTempFiles(Duration age) throws IOException {
        Instant before = Instant.now().minus(age);
        int removed = 0;
        try (Stream<Path> files = Files.walk(root, 3)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().startsWith(TEMP_PREFIX)
                        && Files.getLastModifiedTime(p).toInstant().isBefore(before) && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    Path path(BlobId id) {
        String hex = id.sha256();
        return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    /** Creates the fan-out directories of {@code target} if needed; a new directory is made durable in its parent. */
    private Path directoryFor(Path target) throws IOException {
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            Path parent = dir.getParent();
            boolean newParent = !Files.isDirectory(parent);
            Files.createDirectories(dir);
            if (newParent) {
                forceDirectory(root);
            }
            forceDirectory(parent);
        }
        return dir;
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("The blob directory does not support atomic renames: " + target.getParent(), e);
        }
        forceDirectory(target.getParent());
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for sync; the rename is then as durable as they allow.
            LOG.debug("Could not force directory {}: {}", dir, e.getMessage());
        }
    }
}
