package org.facteur.webmail.archives;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The lists' archives as the archive pages need them: a port, implemented where the lists live (Facteur's
 * {@code deploy} adapts the list manager's archives). Months are counted in UTC. Refusals are exceptions whose message
 * is one sentence to show.
 */
public interface ListArchives {

    /**
     * The list's archive as {@code reader} (a logged-in address; empty for an anonymous visitor) may use it; empty when
     * there is no such list or its archive is off.
     */
    Optional<Archive> archive(String list, Optional<String> reader);

    /** The months that have posts, newest first, with their number of posts. */
    List<MonthCount> months(String list);

    /** The posts of a month, oldest first. */
    List<PostSummary> month(String list, YearMonth month);

    /** One post with its bytes (RFC 5322, as members got it); empty when the list has no such post. */
    Optional<Post> post(String list, String id);

    /** The posts that contain every word, newest first, at most {@code limit}. */
    List<PostSummary> search(String list, String words, int limit);

    /** Removes the post from the archive and its search; for an owner of the list only. */
    void remove(String list, String id, String owner);

    /** Writes the whole archive as an mbox file (mboxrd), oldest post first; for an owner of the list only. */
    void exportMbox(String list, String owner, OutputStream out) throws IOException;

    /**
     * A list's archive for one visitor: {@code address} is the list's, {@code publicArchive} whether anyone may read it,
     * {@code readable} whether this visitor may, {@code owner} whether the visitor is one of its owners.
     */
    record Archive(String address, String name, boolean publicArchive, boolean readable, boolean owner) {
    }

    record MonthCount(YearMonth month, int posts) {
    }

    /**
     * An archived post without its bytes: the archive's id, when the list distributed it, the threading headers
     * (Message-IDs with their angle brackets, empty when absent), From and Subject decoded.
     */
    record PostSummary(String id, Instant archivedAt, String messageId, String inReplyTo, List<String> references, String from,
            String subject) {
        public PostSummary {
            references = List.copyOf(references);
        }

        /** When it was archived, in UTC, for display. */
        public LocalDateTime utc() {
            return LocalDateTime.ofInstant(archivedAt, ZoneOffset.UTC);
        }
    }

    record Post(PostSummary summary, byte[] message) {
    }

    /** The list or the post is not (or no longer) there. */
    final class NotFoundException extends RuntimeException {
        public NotFoundException(String message) {
            super(message);
        }
    }

    /** The visitor's role on the list does not allow it. */
    final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    /** The archives cannot answer now (the mail server is starting, the search index is missing). */
    final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message);
        }
    }
}
