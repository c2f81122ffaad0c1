package org.facteur.mailserver.imap.append;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.james.imap.message.Literal;

/**
 * A command's literal whose temporary files are released once, however many times it is closed: James's channel
 * handler closes the request after the command, and the processor closes it too, for a command cancelled by a client
 * gone mid-way (James's handler then closes nothing). A second deletion of James's file would log an error
 * ({@link CommandLiterals}).
 */
final class OnceReleasedLiteral implements Literal, Closeable {
    private final Literal literal;
    private final AtomicBoolean released = new AtomicBoolean();

    OnceReleasedLiteral(Literal literal) {
        this.literal = literal;
    }

    @Override
    public long size() throws IOException {
        return literal.size();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return literal.getInputStream();
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            CommandLiterals.release(List.of(literal));
        }
    }
}
