package org.facteur.webmail.compose;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import jakarta.servlet.http.HttpSession;

/**
 * How many Web Key Directory lookups a web session may ask for: {@link #PER_WINDOW} in {@link #WINDOW}. Each lookup
 * makes the server connect to a host the member chose and may hold a request thread up to the lookup's deadline, so a
 * script in a member's session must not turn the server into a scanner or tie up its threads.
 */
final class LookupAllowance implements Serializable {
    static final int PER_WINDOW = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String ATTRIBUTE = LookupAllowance.class.getName();

    private final Deque<Instant> recent = new ArrayDeque<>();

    /** True, and counted, when this session may look one more key up now. */
    static boolean take(HttpSession session, Clock clock) {
        LookupAllowance allowance = (LookupAllowance) session.getAttribute(ATTRIBUTE);
        if (allowance == null) {
            allowance = new LookupAllowance();
        }
        boolean allowed;
        synchronized (allowance) {
            Instant now = clock.instant();
            while (!allowance.recent.isEmpty() && !allowance.recent.peekFirst().plus(WINDOW).isAfter(now)) {
                allowance.recent.removeFirst();
            }
            allowed = allowance.recent.size() < PER_WINDOW;
            if (allowed) {
                allowance.recent.addLast(now);
            }
        }
        session.setAttribute(ATTRIBUTE, allowance);   // set again so a shared session store sees the change
        return allowed;
    }
}
