package org.facteur.lists.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One archived post as the archive lists it, without its bytes: what a month's page and a thread need.
 *
 * @param id the archive's own id of the post (the last part of its {@code Archived-At} URL)
 * @param list the list's posting address
 * @param archivedAt when the list distributed it (months are counted on this, not on the sender's Date)
 * @param messageId the post's Message-ID, with its angle brackets; empty when it had none
 * @param inReplyTo the Message-ID it answers, empty when none
 * @param references the Message-IDs of its thread, oldest first
 * @param from the From header, decoded
 * @param subject the Subject, decoded (with the list's tag, as members got it)
 * @param sentAt the post's Date header, when it had a readable one
 * @param size the archived message's size in bytes
 */
public record ArchiveEntry(String id, String list, Instant archivedAt, String messageId, String inReplyTo,
        List<String> references, String from, String subject, Optional<Instant> sentAt, int size) {

    public ArchiveEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(archivedAt, "archivedAt");
        messageId = messageId == null ? "" : messageId;
        inReplyTo = inReplyTo == null ? "" : inReplyTo;
        references = List.copyOf(references);
        from = from == null ? "" : from;
        subject = subject == null ? "" : subject;
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
