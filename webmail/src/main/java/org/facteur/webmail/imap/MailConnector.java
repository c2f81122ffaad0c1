package org.facteur.webmail.imap;

import java.util.Map;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.URLName;

import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;

import org.facteur.webmail.config.WebmailProperties;
import org.springframework.stereotype.Component;

/**
 * Opens IMAP stores and SMTP submission transports to the configured server, always with STARTTLS
 * required (the password never crosses the wire in clear, even on loopback).
 */
@Component
public class MailConnector {
    private final WebmailProperties properties;
    private final Session session;

    static {
        // jakarta.mail 2.1 looks its StreamProvider up with a ServiceLoader scan of the class path on every
        // encoded-word subject (5% of the inbox page's CPU in the fat jar); naming it skips the scan.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    public MailConnector(WebmailProperties properties) {
        this.properties = properties;
        this.session = Session.getInstance(sessionProperties(properties));
    }

    static Properties sessionProperties(WebmailProperties c) {
        Properties p = new Properties();
        String timeout = Long.toString(c.timeout().toMillis());
        p.put("mail.imap.host", c.imapHost());
        p.put("mail.imap.port", Integer.toString(c.imapPort()));
        p.put("mail.imap.starttls.enable", "true");
        p.put("mail.imap.starttls.required", "true");
        p.put("mail.imap.connectiontimeout", timeout);
        p.put("mail.imap.timeout", timeout);
        p.put("mail.imap.connectionpoolsize", "2");
        // Parts are read in pieces of this size (Jakarta Mail's default is 16 KB). Each piece is one FETCH,
        // and James loads the whole message from its store for every FETCH: a 1 MB body took 64 of them.
        p.put("mail.imap.fetchsize", Integer.toString(1024 * 1024));
        // Non-ASCII attachment names as RFC 2231 in UTF-8, whatever the JVM's default charset.
        p.put("mail.mime.charset", "UTF-8");
        p.put("mail.smtp.host", c.submissionHost());
        p.put("mail.smtp.port", Integer.toString(c.submissionPort()));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        if (c.proxyProtocol()) {
            // The server's mail ports require a PROXY protocol header (FACTEUR_PROXY_PROTOCOL): say "PROXY UNKNOWN".
            ProxyHeaderSocketFactory proxyHeader = new ProxyHeaderSocketFactory();
            p.put("mail.imap.socketFactory", proxyHeader);
            p.put("mail.imap.socketFactory.fallback", "false");
            p.put("mail.smtp.socketFactory", proxyHeader);
            p.put("mail.smtp.socketFactory.fallback", "false");
        }
        if (c.trusts(c.imapHost())) {
            // The local server's own (often self-signed) certificate: trusted for that host only.
            p.put("mail.imap.ssl.trust", c.imapHost());
            p.put("mail.imap.ssl.checkserveridentity", "false");
        } else {
            p.put("mail.imap.ssl.checkserveridentity", "true");
        }
        if (c.trusts(c.submissionHost())) {
            p.put("mail.smtp.ssl.trust", c.submissionHost());
            p.put("mail.smtp.ssl.checkserveridentity", "false");
        } else {
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    public Session session() {
        return session;
    }

    /**
     * Logs in over IMAP.
     *
     * @throws AuthenticationFailedException when the server refuses the address or password
     * @throws MessagingException when the server cannot be reached
     */
    public Store connect(String address, String password) throws MessagingException {
        Store store = session.getStore("imap");
        store.connect(address, password);
        return store;
    }

    /**
     * Logs in over IMAP for the browser at {@code clientAddress}: before LOGIN the store names it with
     * {@code ID ("x-originating-ip" "…")}, which the server believes from trusted proxies (this webmail
     * connects from loopback) and uses to count failed logins against the browser, not against the webmail.
     *
     * @throws AuthenticationFailedException when the server refuses the address or password, or refuses to
     *         check them for a while ({@link #throttled})
     */
    public Store connect(String address, String password, String clientAddress) throws MessagingException {
        Store store = new ForwardingImapStore(session, clientAddress);
        store.connect(address, password);
        return store;
    }

    /** Whether the server refused a login because of too many failures (RFC 5530 {@code [UNAVAILABLE]}). */
    public static boolean throttled(AuthenticationFailedException refusal) {
        return String.valueOf(refusal.getMessage()).contains("[UNAVAILABLE]");
    }

    /** An IMAP store that names the client it logs in for (Dovecot's convention, which Roundcube uses too). */
    private static final class ForwardingImapStore extends IMAPStore {
        private final String clientAddress;

        ForwardingImapStore(Session session, String clientAddress) {
            super(session, new URLName("imap", null, -1, null, null, null));
            this.clientAddress = clientAddress;
        }

        @Override
        protected void preLogin(IMAPProtocol protocol) throws ProtocolException {
            super.preLogin(protocol);
            if (clientAddress != null && protocol.hasCapability("ID")) {
                protocol.id(Map.of("x-originating-ip", clientAddress));
            }
        }
    }

    /** An SMTP submission transport, logged in with the member's own credentials. */
    public Transport submission(String address, String password) throws MessagingException {
        Transport transport = session.getTransport("smtp");
        transport.connect(address, password);
        return transport;
    }

    public WebmailProperties properties() {
        return properties;
    }
}
