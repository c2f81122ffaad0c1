package org.facteur.lists.model;

/** Where replies to a distributed post go. */
public enum ReplyToPolicy {
    /** Leave the poster's headers alone: replies go to the poster. */
    SENDER,
    /** Replies go to the list. */
    LIST
}
