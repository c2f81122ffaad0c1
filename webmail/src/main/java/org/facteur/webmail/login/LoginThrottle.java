package org.facteur.webmail.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@link #PER_ACCOUNT} failed logins for one address, or
 * {@link #PER_IP} from one client address, within {@link #WINDOW}, further attempts are refused without
 * asking the mail server until the oldest failure leaves the window. In memory (one Facteur process);
 * a success clears the account's count. Behind a reverse proxy the client address is the proxy's.
 */
@Component
class LoginThrottle {
    static final int PER_ACCOUNT = 5;
    static final int PER_IP = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Bounds memory under a flood of distinct addresses: beyond this, the oldest keys are dropped. */
    static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    boolean blocked(String ip, String account) {
        return recent("ip:" + ip) >= PER_IP || recent("account:" + account) >= PER_ACCOUNT;
    }

    void failed(String ip, String account) {
        if (failures.size() > MAX_KEYS) {
            failures.clear();
        }
        Instant now = clock.instant();
        for (String key : new String[] {"ip:" + ip, "account:" + account}) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
            }
        }
    }

    void succeeded(String account) {
        failures.remove("account:" + account);
    }

    private int recent(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        Instant horizon = clock.instant().minus(WINDOW);
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(horizon)) {
                times.removeFirst();
            }
            return times.size();
        }
    }
}
