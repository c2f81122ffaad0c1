package org.facteur.lists.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * One digest of a list: its number (volume, issue within the volume) and its posts, oldest first, each the copy as
 * members get it.
 */
public record DigestIssue(String list, int volume, int issue, List<byte[]> posts) {
    public DigestIssue {
        posts = List.copyOf(posts);
    }

    /**
     * The number after the last one, sent at {@code lastSentAt}: the next issue of the same volume, or issue 1 of the next
     * volume when the year changed since (Mailman's default). The first digest of a list is volume 1, issue 1.
     */
    static int[] next(int volume, int issue, Instant lastSentAt, Instant now, ZoneId zone) {
        if (volume == 0) {
            return new int[] {1, 1};
        }
        if (lastSentAt.atZone(zone).getYear() != now.atZone(zone).getYear()) {
            return new int[] {volume + 1, 1};
        }
        return new int[] {volume, issue + 1};
    }
}
