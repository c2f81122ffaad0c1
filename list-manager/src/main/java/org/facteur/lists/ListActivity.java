package org.facteur.lists;

import org.facteur.lists.bounce.BounceKind;
import org.facteur.lists.posting.Decision;

/**
 * What the list manager tells its host about posts and bounces, for counting them (the mail server turns it into metrics).
 * Called on the thread that handled the post; implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface ListActivity {
    ListActivity NONE = (list, decision, recipients) -> { };

    /**
     * A post to {@code list} was decided; {@code recipients} is how many members its copies go to (0 unless accepted).
     */
    void postDecided(String list, Decision decision, int recipients);

    /** A bounce of a member's copy or probe reported a failure of this kind (counted or not). */
    default void bounced(String list, BounceKind kind) {
    }

    /** A member's delivery was suspended: their bounce score reached the threshold. */
    default void suspended(String list) {
    }

    /** A suspended member's probe went without a hard bounce: their delivery resumed. */
    default void resumedAfterProbe(String list) {
    }

    /** A suspended member's probe bounced: the member was removed. */
    default void removedForBounces(String list) {
    }
}
