package org.facteur.lists.store;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Where lists keep their distributed posts (issue 11 item 5). The full-text index is not here: it can be rebuilt from
 * this store, which is the archive's only truth. Every implementation passes {@code ArchiveStoreContract}.
 */
public interface ArchiveStore {

    /**
     * Archives a post. The headers are read by the caller (the store does not parse MIME).
     *
     * @param headers the post's headers as listed; its {@code id} and {@code list} are ignored: the store gives the id
     * @return the entry as stored, with its new id
     */
    ArchiveEntry add(String list, ArchiveEntry headers, byte[] message);

    /** The posts archived in this month (counted in {@code zone}), oldest first. */
    List<ArchiveEntry> month(String list, YearMonth month, ZoneId zone);

    /** The months (in {@code zone}) in which the list archived posts, oldest first. */
    List<YearMonth> months(String list, ZoneId zone);

    /** How many posts the list archived in each month (in {@code zone}) that has any, oldest month first. */
    java.util.SequencedMap<YearMonth, Integer> monthCounts(String list, ZoneId zone);

    /** One post of the list; empty when the id is not one of this list's posts. */
    Optional<ArchivedPost> find(String list, String id);

    /** Forgets a post; false when the list had no such post. */
    boolean remove(String list, String id);

    /** How many posts all lists have archived (the index compares its own count with it when it opens). */
    long count();

    /** The lists that have archived posts. */
    List<String> lists();

    /**
     * Hands every post of the list to {@code visitor}, oldest first, one at a time (an archive can be larger than
     * memory). What the visitor throws stops the walk and is rethrown.
     */
    void each(String list, PostVisitor visitor) throws Exception;

    /** Receives the posts of {@link #each}. */
    @FunctionalInterface
    interface PostVisitor {
        void visit(ArchivedPost post) throws Exception;
    }

    /** A post archived at {@code at}: the headers to store, the id and list left to {@link #add}. */
    static ArchiveEntry headers(Instant at, String messageId, String inReplyTo, List<String> references, String from,
            String subject, Optional<Instant> sentAt, int size) {
        return new ArchiveEntry("", "", at, messageId, inReplyTo, references, from, subject, sentAt, size);
    }
}
