package org.facteur.lists;

import java.util.List;

import org.facteur.lists.mail.OutgoingMail;

/**
 * What a member's own request made outside mail (the webmail's Subscribe, Unsubscribe and reception mode) came to. It
 * ran as the same command by mail from her logged-in mailbox would, under the list's policies.
 *
 * @param mails what to send: the welcome or goodbye notice, a confirmation request, the owners' approval requests
 */
public record MemberRequest(Outcome outcome, List<OutgoingMail> mails) {

    public enum Outcome {
        /** Subscribed, unsubscribed or the reception mode changed, now. */
        DONE,
        /** Subscribing while subscribed. */
        ALREADY,
        /** A confirmation request went to her address (double opt-in); nothing changes until she answers it. */
        CONFIRMATION_SENT,
        /** The owners were asked (or had been asked already) to approve. */
        OWNERS_ASKED,
        /** Only owners add members to this list. */
        CLOSED,
        /** Leaving or changing the mode of a list she is not subscribed to. */
        NOT_SUBSCRIBED,
        /** Her address received its share of confirmation requests for now (robot limits): nothing was sent. */
        TOO_MANY_REQUESTS,
        /** There is no such list. */
        UNKNOWN_LIST
    }

    public MemberRequest {
        mails = List.copyOf(mails);
    }
}
