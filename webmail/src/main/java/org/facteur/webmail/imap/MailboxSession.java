package org.facteur.webmail.imap;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;

import org.facteur.pgp.UnlockedKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member's mailbox in her HTTP session. What a session store may keep (in this process's memory, or in Redis
 * when several nodes share sessions) is the address, an id for this login and, with shared sessions, the password
 * sealed under a key that only her browser holds ({@link PasswordSeal}). What never leaves this process is the
 * {@link Open} part: the password in clear, the open IMAP store reused by every page (Jakarta Mail pools the folder
 * connections behind it) and the secret key she unlocked with her passphrase. A copy read back from a shared store
 * has no open part until {@link LiveMailboxes} gives it this node's, or opens one from the sealed password.
 * Closed when the session ends: logout, expiry, or invalidation. {@link #toString()} shows the address only.
 */
public final class MailboxSession implements HttpSessionBindingListener, AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    public static final String ATTRIBUTE = MailboxSession.class.getName();
    private static final Logger LOG = LoggerFactory.getLogger(MailboxSession.class);

    private final String address;
    private final String id;
    private final byte[] sealedPassword;
    private transient volatile Open open;

    /** A mailbox for this node only (sessions in this process's memory). */
    public MailboxSession(String address, char[] password, Store store, MailConnector connector) {
        this(address, UUID.randomUUID().toString(), null, new Open(password, store, connector));
    }

    MailboxSession(String address, String id, byte[] sealedPassword, Open open) {
        this.address = address;
        this.id = id;
        this.sealedPassword = sealedPassword == null ? null : sealedPassword.clone();
        this.open = open;
    }

    public String address() {
        return address;
    }

    /** Names this login in every node's {@link LiveMailboxes}. */
    String id() {
        return id;
    }

    /** The password sealed under the browser's key, or empty for a mailbox of this node only. */
    Optional<byte[]> sealedPassword() {
        return Optional.ofNullable(sealedPassword).map(byte[]::clone);
    }

    boolean isOpenHere() {
        return open != null;
    }

    void attach(Open part) {
        this.open = part;
    }

    Open open() {
        Open part = open;
        if (part == null) {
            throw new IllegalStateException("the mailbox of " + address + " is not open on this node");
        }
        return part;
    }

    /** The open store, reconnected if the server dropped it (IMAP idle timeout, server restart). */
    public Store store() throws MessagingException {
        return open().store(address);
    }

    /** Runs {@code work} with an SMTP submission transport logged in as this member. */
    public <T> T withSubmission(SubmissionWork<T> work) throws MessagingException {
        Open part = open();
        try (var transport = part.connector.submission(address, new String(part.password))) {
            return work.run(transport);
        }
    }

    /** The secret key the member unlocked with her passphrase in this session, on this node. */
    public Optional<UnlockedKey> unlockedKey() {
        Open part = open;
        return part == null ? Optional.empty() : Optional.ofNullable(part.unlocked);
    }

    /** Keeps {@code key} unlocked until the session ends; never written to any session store. */
    public void keepUnlocked(UnlockedKey key) {
        open().unlocked = key;
    }

    @FunctionalInterface
    public interface SubmissionWork<T> {
        T run(jakarta.mail.Transport transport) throws MessagingException;
    }

    @Override
    public void close() {
        Open part = open;
        if (part != null) {
            part.close(address);
        }
    }

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
        close();
    }

    @Override
    public String toString() {
        return "MailboxSession[" + address + "]";
    }

    /** What stays in this process: the password, the IMAP store, the unlocked key. */
    static final class Open {
        private final char[] password;
        private final MailConnector connector;
        private Store store;
        private volatile UnlockedKey unlocked;
        private volatile long lastUsedNanos = System.nanoTime();
        private volatile boolean closed;
        private final byte[] browserKeyDigest;

        Open(char[] password, Store store, MailConnector connector) {
            this(password, store, connector, null);
        }

        /** @param browserKey with shared sessions, the key the browser holds: a request must show it to use this part */
        Open(char[] password, Store store, MailConnector connector, String browserKey) {
            this.password = password.clone();
            this.store = store;
            this.connector = connector;
            this.browserKeyDigest = browserKey == null ? null : digest(browserKey);
        }

        /** Whether {@code browserKey} is the one this part was opened for (always, for a part of this node's sessions only). */
        boolean openedFor(String browserKey) {
            return browserKeyDigest == null
                    || browserKey != null && java.security.MessageDigest.isEqual(browserKeyDigest, digest(browserKey));
        }

        boolean isClosed() {
            return closed;
        }

        private static byte[] digest(String key) {
            try {
                return java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        synchronized Store store(String address) throws MessagingException {
            if (store == null || !store.isConnected()) {
                store = connector.connect(address, new String(password));
            }
            return store;
        }

        /** A copy of the password as held (zeros once closed). */
        char[] password() {
            return password.clone();
        }

        void used(long nanos) {
            lastUsedNanos = nanos;
        }

        long lastUsedNanos() {
            return lastUsedNanos;
        }

        synchronized void close(String address) {
            closed = true;
            Arrays.fill(password, '\0');
            unlocked = null;
            if (store != null) {
                try {
                    store.close();
                } catch (MessagingException e) {
                    LOG.debug("closing the IMAP store of {}: {}", address, e.getMessage());
                }
                store = null;
            }
        }
    }
}
