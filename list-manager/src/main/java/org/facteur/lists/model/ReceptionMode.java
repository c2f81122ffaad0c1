package org.facteur.lists.model;

/** How a subscriber receives posts. */
public enum ReceptionMode {
    /** Every post. */
    MAIL,
    /** Nothing (holidays); still a member, may still post. */
    NOMAIL,
    /** A periodic digest. Digests are not produced yet, so this mode cannot be chosen yet. */
    DIGEST,
    /** Every post except their own. */
    NOT_ME
}
