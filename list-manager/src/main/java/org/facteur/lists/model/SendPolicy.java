package org.facteur.lists.model;

/** Who may post to a list without moderation. */
public enum SendPolicy {
    /** Anyone. */
    PUBLIC,
    /** Members only; others are refused. */
    MEMBERS,
    /** Members post directly; posts from others wait for a moderator. */
    MEMBERS_OTHERS_MODERATED,
    /** Every post waits for a moderator. */
    MODERATED,
    /** Only owners and moderators post; everybody else is refused. */
    NEWSLETTER
}
