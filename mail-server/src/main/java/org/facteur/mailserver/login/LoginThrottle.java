package org.facteur.mailserver.login;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one password-guessing policy of SMTP AUTH, IMAP LOGIN/AUTHENTICATE and the webmail (which logs in
 * over IMAP and forwards its client's address). Every login asks {@link #begin} first: a refused attempt
 * must answer "try again later" without looking at the password, so that the answer reveals nothing;
 * an allowed one reports its outcome exactly once.
 *
 * <p>Attempts are counted before the password is checked, and each lock is a counter that only one attempt
 * can create: parallel connections cannot get more checks than a patient attacker would.
 */
public final class LoginThrottle {
    /** How long an attempt waits for the verdicts of the same pair's pending attempts before "try again later". */
    static final Duration MAX_QUEUE_WAIT = Duration.ofSeconds(5);
    /** A pending attempt whose node died stops counting after this. */
    static final Duration IN_FLIGHT_TTL = Duration.ofMinutes(1);
    /** Compiled once: {@link #printable} runs for every SMTP transaction logged. */
    private static final Pattern CONTROL_CHARACTER = Pattern.compile("\\p{Cntrl}");

    private final AttemptCounters counters;
    private final LoginPolicy policy;

    private final Duration maxQueueWait;

    public LoginThrottle(AttemptCounters counters, LoginPolicy policy) {
        this(counters, policy, MAX_QUEUE_WAIT);
    }

    LoginThrottle(AttemptCounters counters, LoginPolicy policy, Duration maxQueueWait) {
        this.counters = counters;
        this.policy = policy;
        this.maxQueueWait = maxQueueWait;
    }

    public Attempt begin(String address, InetAddress client) {
        String clientKey = ClientKeys.of(client);
        String pair = "login:pair:" + addressKey(address) + "|" + clientKey;
        String source = "login:client:" + clientKey;
        long deadline = System.nanoTime() + maxQueueWait.toNanos();
        while (true) {
            if (counters.get(lock(pair)) > 0 || counters.get(lock(source)) > 0) {
                return Attempt.refused(this);
            }
            Attempt attempt = new Attempt(this, pair, source);
            attempt.inFlight = counters.add(inFlight(pair), 1, IN_FLIGHT_TTL);
            attempt.pairFailures = counters.add(pair, 1, policy.pair().window());
            if (attempt.pairFailures > policy.pair().freeFailures() && attempt.inFlight > 1) {
                // Over the free failures only because other attempts of this pair are still being checked (a
                // client opening many connections at once, one office behind one address): wait for their
                // verdicts instead of locking the owner out. No more than freeFailures checks are ever pending,
                // so parallel connections still get no more guesses than a patient attacker.
                counters.add(pair, -1, policy.pair().window());
                counters.add(inFlight(pair), -1, IN_FLIGHT_TTL);
                if (System.nanoTime() > deadline) {
                    return Attempt.refused(this);
                }
                pause();
                continue;
            }
            if (attempt.pairFailures > policy.pair().freeFailures()) {
                attempt.holdsPairLock = takeLock(pair, policy.pair().lockAfter(attempt.pairFailures).orElseThrow());
                if (!attempt.holdsPairLock) {
                    return attempt.refuse();
                }
            }
            if (attempt.pairFailures <= policy.pair().freeFailures()) {
                attempt.clientFailures = counters.add(source, 1, policy.client().window());
                if (attempt.clientFailures > policy.client().freeFailures()) {
                    attempt.holdsClientLock = takeLock(source, policy.client().lockAfter(attempt.clientFailures).orElseThrow());
                    if (!attempt.holdsClientLock) {
                        return attempt.refuse();
                    }
                }
            }
            return attempt;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10 + java.util.concurrent.ThreadLocalRandom.current().nextInt(40));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String inFlight(String pair) {
        return pair + ":checking";
    }

    /** The address as counted: case-insensitive; an absurdly long one (no real address) by its digest. */
    private static String addressKey(String address) {
        String normalized = address.strip().toLowerCase(Locale.ROOT);
        if (normalized.length() <= 320) {
            return normalized;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** An address as it may appear in a log line: no line breaks or other control characters, bounded. */
    public static String printable(String address) {
        String shown = address == null ? "" : CONTROL_CHARACTER.matcher(address).replaceAll("?");
        return shown.length() <= 100 ? shown : shown.substring(0, 100) + "…";
    }

    private boolean takeLock(String key, Duration lock) {
        return counters.add(lock(key), 1, lock) == 1;
    }

    private static String lock(String key) {
        return key + ":locked";
    }

    /** One login attempt: refused, or allowed and then exactly one of succeeded, failed or abandoned. */
    public static final class Attempt {
        private final LoginThrottle throttle;
        private final String pair;
        private final String client;
        private final boolean refused;
        private long inFlight;
        private long pairFailures;
        private long clientFailures;
        private boolean holdsPairLock;
        private boolean holdsClientLock;

        private Attempt(LoginThrottle throttle, String pair, String client, boolean refused) {
            this.throttle = throttle;
            this.pair = pair;
            this.client = client;
            this.refused = refused;
        }

        private Attempt(LoginThrottle throttle, String pair, String client) {
            this(throttle, pair, client, false);
        }

        private static Attempt refused(LoginThrottle throttle) {
            return new Attempt(throttle, null, null, true);
        }

        /** When true, answer "try again later" and do not check the password (and report no outcome). */
        public boolean refused() {
            return refused;
        }

        private void checkAllowed() {
            if (refused) {
                throw new IllegalStateException("a refused attempt has no outcome");
            }
        }

        /** The password was right: the pair starts afresh; the client's count is as before this attempt. */
        public void succeeded() {
            checkAllowed();
            AttemptCounters counters = throttle.counters;
            counters.delete(pair);
            counters.delete(lock(pair));
            undoClient();
            settled();
        }

        /**
         * The password was wrong (or the address unknown): locks what the policy says, and returns how long
         * the failure reply should wait.
         */
        public Duration failed() {
            checkAllowed();
            LoginPolicy policy = throttle.policy;
            settled();
            if (!holdsPairLock) {
                policy.pair().lockAfter(pairFailures).ifPresent(lock -> throttle.takeLock(pair, lock));
            }
            if (clientFailures > 0 && !holdsClientLock) {
                policy.client().lockAfter(clientFailures).ifPresent(lock -> throttle.takeLock(client, lock));
            }
            return policy.replyDelay(pairFailures);
        }

        /** No verdict on the password (syntax error, the store failed): as if the attempt never happened. */
        public void abandoned() {
            checkAllowed();
            AttemptCounters counters = throttle.counters;
            counters.add(pair, -1, throttle.policy.pair().window());
            if (holdsPairLock) {
                counters.delete(lock(pair));
            }
            undoClient();
            settled();
        }

        /** This attempt's password check is over: it no longer holds back the pair's next attempts. */
        private void settled() {
            throttle.counters.add(inFlight(pair), -1, IN_FLIGHT_TTL);
        }

        private void undoClient() {
            AttemptCounters counters = throttle.counters;
            if (clientFailures > 0) {
                counters.add(client, -1, throttle.policy.client().window());
            }
            if (holdsClientLock) {
                counters.delete(lock(client));
            }
        }

        private Attempt refuse() {
            abandoned();
            return Attempt.refused(throttle);
        }
    }
}
