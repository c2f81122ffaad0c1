package org.facteur.lists.posting;

/** What happens to a post. Reasons are message keys in the robot's texts, with their arguments. */
public sealed interface Decision {
    record Accept() implements Decision {
    }

    /** Wait for a moderator. */
    record Hold(String reasonKey) implements Decision {
    }

    /** Refuse and tell the poster why. */
    record Reject(String reasonKey, Object... args) implements Decision {
    }

    /** Drop silently (loops, robots, duplicates): answering would make things worse. */
    record Discard(String why) implements Decision {
    }
}
