package org.facteur.lists;

import java.util.List;
import java.util.Optional;

import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.store.HeldPost;

/**
 * What a moderator's decision taken outside mail (the webmail's Approve and Reject) came to, through the same path as
 * {@code DISTRIBUTE}/{@code REJECT} by mail: the first decision wins.
 *
 * @param post the held post as it stands after the attempt (who decided and when, if someone did); empty for an unknown key
 * @param mails what to send: the copies, the poster's notice, the other moderators' notices; empty unless decided now
 */
public record ModerationDecision(Outcome outcome, Optional<HeldPost> post, List<OutgoingMail> mails) {

    public enum Outcome {
        DISTRIBUTED,
        REJECTED,
        /** Someone decided first (by mail or on the web), the poster withdrew the post, or it expired: nothing changed. */
        ALREADY_HANDLED,
        /** No held post has this key. */
        UNKNOWN_KEY,
        /** The address is neither an owner nor a moderator of the post's list: nothing changed. */
        NOT_MODERATOR
    }

    public ModerationDecision {
        mails = List.copyOf(mails);
    }
}
