package org.facteur.lists.model;

/** How members leave a list. */
public enum UnsubscribePolicy {
    /** At once. */
    OPEN,
    /** After confirming with a key sent to the address. */
    CONFIRM,
    /** An owner approves. */
    OWNER
}
