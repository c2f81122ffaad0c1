package org.facteur.lists.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A subscription change waiting for someone: the address itself (double opt-in) or an owner (approval).
 * The key is bound to one action, one list and one address, is used once and expires. {@code confirmer} is the
 * only address that may answer; empty means any owner of the list.
 */
public record PendingRequest(String key, Kind kind, String list, String address, String name, String confirmer,
        Instant createdAt, Instant expiresAt, Status status, Optional<String> decidedBy) {

    public enum Kind {
        /** The address confirms it wants to join. */
        CONFIRM_SUBSCRIBE,
        /** The address confirms it wants to leave. */
        CONFIRM_UNSUBSCRIBE,
        /** An owner approves a subscription. */
        APPROVE_SUBSCRIBE,
        /** An owner approves an unsubscription. */
        APPROVE_UNSUBSCRIBE,
        /** An owner who asked by mail (From: can be forged) confirms adding a member. */
        CONFIRM_ADD,
        /** An owner who asked by mail confirms removing a member. */
        CONFIRM_DEL
    }

    public enum Status { PENDING, DONE, REJECTED }

    public static PendingRequest pending(String key, Kind kind, String list, String address, String name, String confirmer,
            Instant createdAt, Instant expiresAt) {
        return new PendingRequest(key, kind, list, address, name, confirmer, createdAt, expiresAt, Status.PENDING, Optional.empty());
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
