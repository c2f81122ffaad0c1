package org.facteur.lists.store;

/** What {@link ListStore#countBounce} did. */
public enum BounceCount {
    /** The score was no longer the one expected (a concurrent bounce changed it): read it again. */
    CONFLICT,
    /** The score was updated. */
    COUNTED,
    /** The score was updated and, in the same transaction, the member's delivery was suspended (by this call only). */
    SUSPENDED
}
