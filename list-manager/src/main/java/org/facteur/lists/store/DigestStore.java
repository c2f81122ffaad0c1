package org.facteur.lists.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Where posts wait for their list's digest, and each list's last digest number. Every implementation passes the digest
 * part of {@code ListStoreContract}.
 */
public interface DigestStore {

    /** Keeps a distributed post (the copy as members get it) for the list's next digest. */
    void keep(String list, byte[] copy, Instant at);

    /** The lists that have posts waiting, with how many and since when. */
    List<DigestQueue> queues();

    /**
     * Takes every post waiting for the list's digest, in arrival order, numbers the issue they make and hands it to
     * {@code send}, all in one transaction: the posts are removed and the number recorded only once {@code send}
     * returned; when it throws, nothing changed (the posts wait for the next digest). Concurrent callers, on one node or
     * many, never take a post twice.
     *
     * @param zone where the year is counted: the first digest of a new year starts a new volume
     * @return the issue handed to {@code send}; empty when no post was waiting
     */
    Optional<DigestIssue> takeIssue(String list, Instant now, ZoneId zone, IssueSender send);

    /** Receives one digest issue while the store holds it; whatever it throws undoes the taking. */
    @FunctionalInterface
    interface IssueSender {
        void send(DigestIssue issue) throws Exception;
    }
}
