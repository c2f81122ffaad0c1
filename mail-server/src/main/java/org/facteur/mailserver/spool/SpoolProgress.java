package org.facteur.mailserver.spool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the spooler is doing: mails in processing since when, the last time one began or ended, and how many were
 * moved aside. {@link #stall} says, in a sentence, when the spooler no longer moves: mails are waiting or in
 * processing and none began or ended for {@code stallAfter}. Plain Java; the James adapter is
 * {@link BoundedMailProcessor}.
 */
public final class SpoolProgress {
    private final Clock clock;
    private final Duration stallAfter;
    private final Map<Long, Instant> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong movedAside = new AtomicLong();
    private volatile Instant lastMovement;

    public SpoolProgress(Clock clock, Duration stallAfter) {
        this.clock = clock;
        this.stallAfter = stallAfter;
        this.lastMovement = clock.instant();
    }

    /** A mail begins processing; pass the returned ticket to {@link #end}. */
    public long begin() {
        long id = ids.incrementAndGet();
        Instant now = clock.instant();
        inFlight.put(id, now);
        lastMovement = now;
        return id;
    }

    /** The mail of this ticket is done with (processed, failed or moved aside). */
    public void end(long ticket) {
        inFlight.remove(ticket);
        lastMovement = clock.instant();
    }

    /** A mail was moved to the error repository instead of finishing (too slow, or its processing broke). */
    public void movedAside() {
        movedAside.incrementAndGet();
    }

    public long movedAsideCount() {
        return movedAside.get();
    }

    public int inFlight() {
        return inFlight.size();
    }

    /** Why the spooler is stuck, when it is: {@code waiting} mails in the spool queue, nothing moved for too long. */
    public Optional<String> stall(long waiting) {
        int busy = inFlight.size();
        Duration still = Duration.between(lastMovement, clock.instant());
        if ((busy == 0 && waiting == 0) || still.compareTo(stallAfter) < 0) {
            return Optional.empty();
        }
        return Optional.of("spooler stuck: " + waiting + " mails waiting and " + busy + " in processing, and none began or ended for "
                + still.toSeconds() + " s");
    }
}
