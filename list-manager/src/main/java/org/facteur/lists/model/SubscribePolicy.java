package org.facteur.lists.model;

/** Who may join a list and what they must do (Sympa's subscribe scenarios, reduced to the useful ones). */
public enum SubscribePolicy {
    /** Anyone joins at once. */
    OPEN,
    /** Double opt-in: the address confirms with a key sent to it. */
    CONFIRM,
    /** Double opt-in, then an owner approves. */
    CONFIRM_THEN_OWNER,
    /** An owner approves every request. */
    OWNER,
    /** Only owners add members. */
    CLOSED
}
