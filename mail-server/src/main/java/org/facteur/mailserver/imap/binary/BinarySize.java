package org.facteur.mailserver.imap.binary;

import java.io.InputStream;

import org.apache.james.imap.message.response.FetchResponse;

/** A {@code BINARY.SIZE[part]}: a number in the reply, not a literal ({@link BinaryFetchResponseEncoder}). */
record BinarySize(String name, long decodedSize) implements FetchResponse.BodyElement {
    @Override
    public String getName() {
        return name;
    }

    @Override
    public long size() {
        return 0;
    }

    @Override
    public InputStream getInputStream() {
        return InputStream.nullInputStream();
    }
}
