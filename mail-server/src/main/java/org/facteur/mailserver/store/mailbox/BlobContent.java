package org.facteur.mailserver.store.mailbox;

import java.io.IOException;
import java.io.InputStream;

import org.apache.james.mailbox.model.Content;
import org.facteur.mailserver.store.blob.BlobId;
import org.facteur.mailserver.store.blob.BlobStore;
import org.facteur.mailserver.store.blob.NoSuchBlobException;

/**
 * A stored message's content, read from the blob store only when someone reads it. With {@code header} (the
 * copy of the message's header section, from message_header), a reader that stops at the end of the header (ENVELOPE, BODY[HEADER])
 * never opens the blob.
 */
record BlobContent(BlobStore blobs, BlobId id, long size, byte[] header) implements Content {

    @Override
    public InputStream getInputStream() throws IOException {
        if (header == null) {
            return open();
        }
        return new HeaderFirstStream(header, this::open);
    }

    private InputStream open() throws IOException {
        return blobs.open(id).orElseThrow(() -> new NoSuchBlobException(id));
    }
}
