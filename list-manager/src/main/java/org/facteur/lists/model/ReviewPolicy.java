package org.facteur.lists.model;

/** Who may see the member list (REVIEW). */
public enum ReviewPolicy {
    OWNERS,
    MEMBERS,
    PUBLIC
}
