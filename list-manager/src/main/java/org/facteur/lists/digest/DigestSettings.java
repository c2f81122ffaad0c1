package org.facteur.lists.digest;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

import org.facteur.lists.store.DigestQueue;

/**
 * When digests go: every day at {@code time} (server time) for the posts that arrived before it, and as soon as
 * {@code maxPosts} posts wait (Sympa's {@code digest_max_size}, 25 by default), whichever comes first.
 */
public record DigestSettings(LocalTime time, int maxPosts) {
    public static final DigestSettings DEFAULTS = new DigestSettings(LocalTime.of(7, 0), 25);

    public DigestSettings {
        Objects.requireNonNull(time, "time");
        if (maxPosts < 1) {
            throw new IllegalArgumentException("A digest needs at least 1 post to be sent; maxPosts was " + maxPosts + ".");
        }
    }

    /** Whether this queue's digest is due now: enough posts wait, or the oldest arrived before the last daily time. */
    public boolean isDue(DigestQueue queue, Instant now, ZoneId zone) {
        ZonedDateTime today = now.atZone(zone).with(time);
        Instant lastDailyTime = (today.toInstant().isAfter(now) ? today.minusDays(1) : today).toInstant();
        return queue.posts() >= maxPosts || queue.oldest().isBefore(lastDailyTime);
    }
}
