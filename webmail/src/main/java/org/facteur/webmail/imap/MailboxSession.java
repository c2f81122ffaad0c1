package org.facteur.webmail.imap;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member's open IMAP store, kept in their HTTP session and reused by every page they load (Jakarta
 * Mail pools the folder connections behind it). Closed when the session ends: logout, expiry, or
 * invalidation. Holds the password in memory only for SMTP submission and reconnection; it is never
 * logged ({@link #toString()} shows the address only) and is not serialized.
 */
public final class MailboxSession implements HttpSessionBindingListener, AutoCloseable {
    public static final String ATTRIBUTE = MailboxSession.class.getName();
    private static final Logger LOG = LoggerFactory.getLogger(MailboxSession.class);

    private final String address;
    private final transient char[] password;
    private final transient MailConnector connector;
    private transient Store store;

    public MailboxSession(String address, char[] password, Store store, MailConnector connector) {
        this.address = address;
        this.password = password.clone();
        this.store = store;
        this.connector = connector;
    }

    public String address() {
        return address;
    }

    String password() {
        return new String(password);
    }

    /** The open store, reconnected if the server dropped it (IMAP idle timeout, server restart). */
    public synchronized Store store() throws MessagingException {
        if (store == null || !store.isConnected()) {
            store = connector.connect(address, password());
        }
        return store;
    }

    /** Runs {@code work} with an SMTP submission transport logged in as this member. */
    public <T> T withSubmission(SubmissionWork<T> work) throws MessagingException {
        try (var transport = connector.submission(address, password())) {
            return work.run(transport);
        }
    }

    @FunctionalInterface
    public interface SubmissionWork<T> {
        T run(jakarta.mail.Transport transport) throws MessagingException;
    }

    @Override
    public synchronized void close() {
        java.util.Arrays.fill(password, '\0');
        if (store != null) {
            try {
                store.close();
            } catch (MessagingException e) {
                LOG.debug("closing the IMAP store of {}: {}", address, e.getMessage());
            }
            store = null;
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
}
