package org.facteur.lists.posting;

/**
 * The DMARC policy (RFC 7489) a domain publishes, that of its organizational domain when it has none of its own. The
 * mail server answers it from the DNS; the list manager only asks.
 */
@FunctionalInterface
public interface DmarcPolicies {
    /** For a list manager that asks no DNS: every domain is {@link Policy#ABSENT}, so no From is ever rewritten. */
    DmarcPolicies NOT_ASKED = domain -> Policy.ABSENT;

    /** @param domain the domain of an author's address, as written in From (any case) */
    Policy policyOf(String domain);

    enum Policy {
        REJECT, QUARANTINE, NONE,
        /** No DMARC record for the domain nor for its organizational domain. */
        ABSENT,
        /** The lookup failed (timeout, SERVFAIL): nobody knows. */
        UNKNOWN;

        /** Whether receivers checking DMARC refuse or file as spam a copy that keeps this author's From. */
        public boolean strict() {
            return this == REJECT || this == QUARANTINE;
        }
    }
}
