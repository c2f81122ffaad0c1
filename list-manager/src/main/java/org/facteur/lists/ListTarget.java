package org.facteur.lists;

import java.util.Optional;

import org.facteur.lists.model.MailingList;

/** Which list address a recipient is, and of which list (none for the robot). */
public record ListTarget(Kind kind, Optional<MailingList> list, String domain) {
    public enum Kind {
        /** {@code team@}: a post. */
        POST,
        /** {@code team-request@}: commands about the list. */
        REQUEST,
        /** {@code team-subscribe@}: any mail subscribes the sender. */
        SUBSCRIBE,
        /** {@code team-unsubscribe@}: any mail unsubscribes the sender. */
        UNSUBSCRIBE,
        /** {@code team-owner@}: for the owners; bounces of batched copies arrive here. */
        OWNER,
        /** {@code team-owner+<token>@}: the envelope sender of one member's copy; that copy's bounces arrive here. */
        BOUNCE,
        /** {@code lists@}: commands about any list of the domain. */
        ROBOT
    }
}
