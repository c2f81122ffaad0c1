package org.facteur.mailserver.store.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A message's content whose first bytes (its header section) are already in memory: they are served from there,
 * and the blob is opened, past those bytes, only when a reader goes further.
 */
final class HeaderFirstStream extends InputStream {
    interface Opener {
        InputStream open() throws IOException;
    }

    private final byte[] header;
    private final Opener opener;
    private int position;
    private InputStream rest;
    private boolean closed;

    HeaderFirstStream(byte[] header, Opener opener) {
        this.header = header;
        this.opener = opener;
    }

    @Override
    public int read() throws IOException {
        ensureOpen();
        if (position < header.length) {
            return header[position++] & 0xff;
        }
        return rest().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position < header.length) {
            int n = Math.min(len, header.length - position);
            System.arraycopy(header, position, b, off, n);
            position += n;
            return n;
        }
        return rest().read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        ensureOpen();
        if (n <= 0) {
            return 0;
        }
        if (position < header.length) {
            int skipped = (int) Math.min(n, header.length - position);
            position += skipped;
            return skipped;
        }
        return rest().skip(n);
    }

    @Override
    public int available() throws IOException {
        ensureOpen();
        if (position < header.length) {
            return header.length - position;
        }
        return rest == null ? 0 : rest.available();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (rest != null) {
            rest.close();
        }
    }

    private InputStream rest() throws IOException {
        if (rest == null) {
            InputStream opened = opener.open();
            try {
                opened.skipNBytes(header.length);
            } catch (IOException e) {
                opened.close();
                throw e;
            }
            rest = opened;
        }
        return rest;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
    }
}
