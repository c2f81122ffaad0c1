package org.facteur.lists.store;

/** What {@link ListStore#charge} decided about one more mail to one address. */
public enum QuotaCharge {
    /** Under the limit: counted, send it. */
    ACCEPTED,
    /** Over the limit, and the first refusal of this window: do not send, and say so once in the log. */
    FIRST_REFUSAL,
    /** Over the limit again: do not send, say nothing more. */
    REFUSED;

    public boolean accepted() {
        return this == ACCEPTED;
    }
}
