package org.facteur.lists.model;

/** How a subscriber receives posts. */
public enum ReceptionMode {
    /** Every post. */
    MAIL,
    /** Nothing (holidays); still a member, may still post. */
    NOMAIL,
    /** No single copies: the posts come together in a MIME digest (multipart/digest, RFC 2046), daily or when enough are waiting. */
    DIGEST,
    /** Every post except their own. */
    NOT_ME,
    /** As {@code DIGEST}, as one plain-text mail (RFC 1153). Sympa's name. */
    DIGESTPLAIN;

    /** Whether this mode gets posts as digests rather than as single copies. */
    public boolean isDigest() {
        return this == DIGEST || this == DIGESTPLAIN;
    }
}
