package org.facteur.lists.store;

/** An archived post with its bytes (RFC 5322, as members got it). */
public record ArchivedPost(ArchiveEntry entry, byte[] message) {
}
