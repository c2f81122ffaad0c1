package org.facteur.lists.bounce;

/**
 * What a failed delivery says of the member's address, as Mailman and Sympa count it: only {@link #HARD} failures
 * (the address does not exist or is disabled) count towards suspending a member.
 */
public enum BounceKind {
    /** 5.1.x (bad mailbox, bad domain) and 5.2.1 (mailbox disabled): the address is dead. Counts. */
    HARD,
    /** Another permanent failure (5.2.2 mailbox full, 5.3.x, 5.4.x, 5.5.x, 5.6.x): often the receiver's trouble. Does not count. */
    OTHER_PERMANENT,
    /** 5.7.x: refused by policy, as spam, for DMARC or reputation: the list's trouble, not the member's. Does not count. */
    POLICY,
    /** 4.x.x, or a report of delay: the receiving server will be tried again. Does not count. */
    TRANSIENT;

    /** The kind of an enhanced status code (RFC 3463, {@code class.subject.detail}); a malformed code is {@link #OTHER_PERMANENT}. */
    public static BounceKind ofStatus(String status) {
        String s = status == null ? "" : status.strip();
        if (s.startsWith("4.")) {
            return TRANSIENT;
        }
        if (s.startsWith("5.1.") || s.equals("5.2.1")) {
            return HARD;
        }
        if (s.startsWith("5.7.")) {
            return POLICY;
        }
        return OTHER_PERMANENT;
    }

    /** Whether this failure counts towards the member's bounce score. */
    public boolean counts() {
        return this == HARD;
    }
}
