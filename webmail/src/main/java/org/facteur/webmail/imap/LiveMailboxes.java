package org.facteur.webmail.imap;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.mail.Store;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * This node's open mailboxes when web sessions live in a store that several nodes share (Redis): the session holds
 * a {@link MailboxSession} with the password sealed under a key kept in the browser's {@link #KEY_COOKIE}, and each
 * node keeps its own {@link MailboxSession.Open} part (IMAP store, password, unlocked key) by login id. A request that
 * reaches a node which has not served this login yet opens the sealed password with the cookie's key; without the
 * cookie, or with another key, the member logs in again. Open parts unused for longer than a session lives are closed
 * (the session expired in the shared store, or the load balancer now sends her elsewhere).
 */
public final class LiveMailboxes implements AutoCloseable {
    /** The browser's half: the key that opens the sealed password (HttpOnly, SameSite=Lax, Secure over HTTPS). */
    public static final String KEY_COOKIE = "FACTEUR_MAILBOX_KEY";
    private static final Logger LOG = LoggerFactory.getLogger(LiveMailboxes.class);
    private static final long SWEEP_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final Map<String, MailboxSession.Open> open = new ConcurrentHashMap<>();
    private final MailConnector connector;
    private final long idleNanos;
    private final LongSupplier nanoTime;
    private volatile long lastSweep;
    private java.util.concurrent.ScheduledExecutorService sweeper;

    /** With a sweep every minute on a daemon thread too, so that a node no request reaches any more lets go. */
    public LiveMailboxes(MailConnector connector, Duration sessionTimeout) {
        this(connector, sessionTimeout, System::nanoTime);
        sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webmail-open-mailboxes-sweep");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, java.util.concurrent.TimeUnit.MINUTES);
    }

    /** Stops the sweep and closes every open part (the application stops). */
    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        open.values().forEach(p -> p.close("a web session at shutdown"));
        open.clear();
    }

    LiveMailboxes(MailConnector connector, Duration sessionTimeout, LongSupplier nanoTime) {
        this.connector = connector;
        this.idleNanos = sessionTimeout.toNanos();
        this.nanoTime = nanoTime;
        this.lastSweep = nanoTime.getAsLong();
    }

    /** The mailbox of a login that just succeeded: its password sealed, the key given to the browser. */
    public MailboxSession loggedIn(String address, char[] password, Store store, HttpServletRequest request,
                                   HttpServletResponse response) {
        String id = java.util.UUID.randomUUID().toString();
        String key = PasswordSeal.newKey();
        MailboxSession.Open part = new MailboxSession.Open(password, store, connector, key);
        MailboxSession mailbox = new MailboxSession(address, id, PasswordSeal.seal(password, key, id), part);
        part.used(nanoTime.getAsLong());
        open.put(id, part);
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(key, request, Duration.ofSeconds(-1)).toString());
        sweep();
        return mailbox;
    }

    /**
     * Gives {@code mailbox} (read back from the shared store) this node's open part, opening one from the sealed
     * password and the browser's key when this node has none. False when that cannot be done: no key, a wrong key,
     * or a mailbox of another node's memory.
     */
    public boolean attach(MailboxSession mailbox, HttpServletRequest request) {
        long now = nanoTime.getAsLong();
        if (mailbox.isOpenHere()) {
            mailbox.open().used(now);
            return true;
        }
        String key = keyOf(request);
        MailboxSession.Open part = open.get(mailbox.id());
        if (part != null && !part.openedFor(key)) {
            return false;   // the session id alone (read from Redis, say) does not reach her open mailbox
        }
        if (part != null && part.isClosed()) {
            open.remove(mailbox.id(), part);   // closed by the sweep just now: opened again below
            part = null;
        }
        if (part == null) {
            part = openFromSeal(mailbox, key);
            if (part == null) {
                return false;
            }
            MailboxSession.Open raced = open.putIfAbsent(mailbox.id(), part);
            if (raced != null) {
                part.close(mailbox.address());
                part = raced;
            }
        }
        part.used(now);
        mailbox.attach(part);
        sweep();
        return true;
    }

    private MailboxSession.Open openFromSeal(MailboxSession mailbox, String key) {
        byte[] sealed = mailbox.sealedPassword().orElse(null);
        if (sealed == null || key == null) {
            return null;
        }
        char[] password;
        try {
            password = PasswordSeal.open(sealed, key, mailbox.id());
        } catch (GeneralSecurityException e) {
            LOG.info("webmail session of {}: the browser's key does not open its password ({}); asking to log in again",
                    mailbox.address(), e.getMessage());
            return null;
        }
        try {
            return new MailboxSession.Open(password, null, connector, key);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Logout: this node's part closed at once, the browser's key deleted (other nodes' parts close when idle). */
    public void loggedOut(MailboxSession mailbox, HttpServletRequest request, HttpServletResponse response) {
        if (mailbox != null) {
            forget(mailbox);
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", request, Duration.ZERO).toString());
    }

    /** Closes this node's part of {@code mailbox} now (logout, or a new login in the same session). */
    public void forget(MailboxSession mailbox) {
        MailboxSession.Open part = open.remove(mailbox.id());
        if (part != null) {
            part.close(mailbox.address());
        }
        mailbox.close();
    }

    /** Open parts on this node. */
    public int size() {
        return open.size();
    }

    /** Closes the parts nobody used for a session's lifetime; at most once a minute, on the way of a request. */
    void sweep() {
        long now = nanoTime.getAsLong();
        if (now - lastSweep < SWEEP_EVERY_NANOS) {
            return;
        }
        lastSweep = now;
        open.entrySet().removeIf(e -> {
            boolean idle = now - e.getValue().lastUsedNanos() > idleNanos;
            if (idle) {
                e.getValue().close("an idle web session");
            }
            return idle;
        });
    }

    private static String keyOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (KEY_COOKIE.equals(c.getName()) && !c.getValue().isEmpty()) {
                return c.getValue();
            }
        }
        return null;
    }

    private static ResponseCookie cookie(String value, HttpServletRequest request, Duration maxAge) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        return ResponseCookie.from(KEY_COOKIE, value).path(path).httpOnly(true).secure(request.isSecure())
                .sameSite("Lax").maxAge(maxAge).build();
    }
}
