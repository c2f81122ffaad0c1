package org.facteur.webmail.lists;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The mailing lists as the logged-in member's Lists pages need them: a port, implemented where the lists live
 * (Facteur's {@code deploy} adapts the mail server's list manager). The member is always the session's address; what
 * she may do is decided behind the port, the same way as for her commands by mail.
 */
public interface MemberLists {
    /** False when this server runs no lists (the webmail on its own). */
    boolean available();

    /** The posts held for moderation on the lists she owns or moderates, oldest first. */
    List<HeldPost> heldPosts(String member);

    /**
     * Approves ({@code approve}) or rejects the held post with this key, as {@code DISTRIBUTE}/{@code REJECT} by mail
     * would: the first decision wins, by mail or here.
     */
    Decision decide(String member, String key, boolean approve, String reason);

    /** A held post; {@code preview} is the start of its words as plain text (markup removed), never its HTML. */
    record HeldPost(String key, String list, String sender, String subject, Instant heldAt, String preview) {
    }

    /** What a decision came to; {@code decidedBy} and {@code decidedAt} say who was first when it was already handled. */
    record Decision(Outcome outcome, String subject, String list, Optional<String> decidedBy, Optional<Instant> decidedAt) {
    }

    enum Outcome {
        DISTRIBUTED,
        REJECTED,
        ALREADY_DISTRIBUTED,
        ALREADY_REJECTED,
        ALREADY_WITHDRAWN,
        ALREADY_EXPIRED,
        /** No held post has this key (any more). */
        UNKNOWN,
        /** She neither owns nor moderates the post's list. */
        FORBIDDEN
    }
}
