package org.facteur.mailserver.store.blob;

import java.io.IOException;

/** A blob that should exist does not: the store lost data, or an id is wrong. */
public final class NoSuchBlobException extends IOException {
    public NoSuchBlobException(BlobId id) {
        super("No blob " + id + " in the blob store");
    }
}
