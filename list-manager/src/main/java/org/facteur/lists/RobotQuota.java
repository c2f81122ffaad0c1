package org.facteur.lists;

import java.time.Clock;

import org.facteur.lists.store.ListStore;
import org.facteur.lists.store.QuotaCharge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the robot sends to each address (in the list store, so that every node shares the count and a restart
 * does not reset it) and says when to send nothing. The first refusal of a window is logged, once, with the address
 * and the limit; never a message's content.
 */
final class RobotQuota {
    private static final Logger LOG = LoggerFactory.getLogger(RobotQuota.class);

    private final ListStore store;
    private final RobotLimits limits;
    private final Clock clock;

    RobotQuota(ListStore store, RobotLimits limits, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** Counts a confirmation or approval request to this address; false when it must not be sent. */
    boolean allowsRequest(String recipient) {
        return charge("confirmation", recipient, limits.confirmationsPerAddress(), "confirmation requests");
    }

    /** Counts another robot mail to the sender of commands; false when it must not be sent. */
    boolean allowsReply(String recipient) {
        return charge("reply", recipient, limits.repliesPerAddress(), "replies");
    }

    private boolean charge(String kind, String recipient, int limit, String what) {
        QuotaCharge charge = store.charge(kind, recipient, limit, limits.window(), clock.instant());
        if (charge == QuotaCharge.FIRST_REFUSAL) {
            LOG.warn("Robot limit reached: {} already received {} {} within {}; more are dropped until the window closes"
                    + " (a forged From: is the usual cause)", recipient, limit, what, limits.window());
        }
        return charge.accepted();
    }
}
