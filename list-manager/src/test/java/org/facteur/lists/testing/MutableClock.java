package org.facteur.lists.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock tests move forward by hand. */
public final class MutableClock extends Clock {
    private final ZoneId zone;
    private Instant now;

    public MutableClock(Instant start) {
        this(start, ZoneId.of("UTC"));
    }

    /** A clock in {@code zone}: the zone robot mail writes its dates in. */
    public MutableClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
