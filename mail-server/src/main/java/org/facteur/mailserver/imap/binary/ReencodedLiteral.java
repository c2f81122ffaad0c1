package org.facteur.mailserver.imap.binary;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

import org.apache.james.imap.message.Literal;

/**
 * A literal8 message as {@link BinaryAppends} re-encoded it, with the literal James read it from. Both may hold a
 * temporary file: the re-encoded copy its own, the literal James's file for the whole command, which every literal
 * of a spilled command shares. So a command of several messages releases each copy ({@link #deleteCopy}) but the
 * command's file once; closing this literal, the one message of an APPEND, releases both.
 */
public final class ReencodedLiteral implements Literal, Closeable {
    private final Literal copy;
    private final Literal sent;

    ReencodedLiteral(Literal copy, Literal sent) {
        this.copy = copy;
        this.sent = sent;
    }

    /** The literal as James read it from the command. */
    public Literal sent() {
        return sent;
    }

    @Override
    public long size() throws IOException {
        return copy.size();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return copy.getInputStream();
    }

    /** Deletes the re-encoded copy's temporary file, if it has one; the literal James read is left alone. */
    public void deleteCopy() throws IOException {
        if (copy instanceof Closeable closeable) {
            closeable.close();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            deleteCopy();
        } finally {
            if (sent instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }
}
