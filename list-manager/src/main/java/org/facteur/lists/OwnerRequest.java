package org.facteur.lists;

import java.util.List;

import org.facteur.lists.mail.OutgoingMail;

/**
 * What an owner's action on the web came to (see {@link OwnerActions}).
 *
 * @param mails what to send: the welcome or goodbye notice, the notices to the other owners and to the requester
 */
public record OwnerRequest(Outcome outcome, List<OutgoingMail> mails) {

    public enum Outcome {
        DONE,
        /** Adding an address that is already subscribed. */
        ALREADY_MEMBER,
        /** Removing an address that is not subscribed. */
        NOT_MEMBER,
        /** Not an e-mail address (or one with a line break, a list's own address...). */
        INVALID_ADDRESS,
        /** An import line naming an address an earlier line of the same file named. */
        DUPLICATE_LINE,
        /** An import line past {@link OwnerActions#IMPORT_MAX_LINES}: not read. */
        BEYOND_LIMIT,
        /** Another owner decided the request first (or the requester withdrew it): nothing changed. */
        ALREADY_DECIDED,
        /** No pending request of this list has this key (any more). */
        UNKNOWN_REQUEST,
        /** The address does not own the list: nothing changed. */
        NOT_OWNER
    }

    public OwnerRequest {
        mails = List.copyOf(mails);
    }

    static OwnerRequest of(Outcome outcome) {
        return new OwnerRequest(outcome, List.of());
    }
}
