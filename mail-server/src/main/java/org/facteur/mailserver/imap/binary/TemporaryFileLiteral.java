package org.facteur.mailserver.imap.binary;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.james.imap.message.Literal;

/**
 * A literal kept in a temporary file of its own, written once, read as often as the store needs, deleted on close:
 * how a large re-encoded message stays off the heap ({@link BinaryAppends}).
 */
final class TemporaryFileLiteral implements Literal, Closeable {
    private final Path file;

    private TemporaryFileLiteral(Path file) {
        this.file = file;
    }

    static TemporaryFileLiteral create(Path directory) throws IOException {
        return new TemporaryFileLiteral(Files.createTempFile(directory, "facteur-literal8-", ".eml"));
    }

    OutputStream outputStream() throws IOException {
        return Files.newOutputStream(file);
    }

    @Override
    public long size() throws IOException {
        return Files.size(file);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return Files.newInputStream(file);
    }

    /** Deletes the file; a second close finds it gone and does nothing. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
