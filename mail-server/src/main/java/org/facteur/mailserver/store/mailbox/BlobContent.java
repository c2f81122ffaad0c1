package org.facteur.mailserver.store.mailbox;

import java.io.IOException;
import java.io.InputStream;

import org.apache.james.mailbox.model.Content;
import org.facteur.mailserver.store.blob.BlobId;
import org.facteur.mailserver.store.blob.BlobStore;
import org.facteur.mailserver.store.blob.NoSuchBlobException;

/** A stored message's content, read from the blob store only when someone opens it (FETCH of a body or header). */
record BlobContent(BlobStore blobs, BlobId id, long size) implements Content {

    @Override
    public InputStream getInputStream() throws IOException {
        return blobs.open(id).orElseThrow(() -> new NoSuchBlobException(id));
    }
}
