package org.facteur.lists.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A post waiting for a moderator. {@code key} is sent only to moderators; {@code cancelKey} only to the poster,
 * so a poster can withdraw a post but never approve it.
 */
public record HeldPost(String key, String cancelKey, String list, String sender, String subject, String reason,
        byte[] message, Instant heldAt, Status status, Optional<String> decidedBy, Optional<Instant> decidedAt) {

    public enum Status { PENDING, DISTRIBUTED, REJECTED, CANCELLED, EXPIRED }

    public static HeldPost pending(String key, String cancelKey, String list, String sender, String subject, String reason,
            byte[] message, Instant heldAt) {
        return new HeldPost(key, cancelKey, list, sender, subject, reason, message, heldAt, Status.PENDING,
                Optional.empty(), Optional.empty());
    }

    public boolean isPending() {
        return status == Status.PENDING;
    }
}
