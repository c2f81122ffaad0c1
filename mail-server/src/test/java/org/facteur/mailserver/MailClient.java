package org.facteur.mailserver;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** A Jakarta Mail client for tests: submission with STARTTLS + AUTH, IMAP with STARTTLS. */
public final class MailClient {
    private final MailServerSettings.Ports ports;

    public MailClient(MailServerSettings.Ports ports) {
        this.ports = ports;
    }

    public Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(ports.submission()));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.trust", "*");
        p.put("mail.smtp.timeout", "20000");
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.toString(ports.imap()));
        p.put("mail.imap.starttls.enable", "true");
        p.put("mail.imap.starttls.required", "true");
        p.put("mail.imap.ssl.trust", "*");
        p.put("mail.imap.timeout", "20000");
        // STATUS answers straight from the server: Angus Mail caches them for a second by default, which can
        // hide a change a test has just made.
        p.put("mail.imap.statuscachetimeout", "0");
        p.put("mail.imaps.statuscachetimeout", "0");
        return Session.getInstance(p);
    }

    /** A session for SMTPS and IMAPS (implicit TLS, RFC 8314): protocols "smtps" and "imaps". */
    public Session implicitTlsSession() {
        Properties p = new Properties();
        p.put("mail.smtps.host", "127.0.0.1");
        p.put("mail.smtps.port", Integer.toString(ports.smtps()));
        p.put("mail.smtps.auth", "true");
        p.put("mail.smtps.ssl.trust", "*");
        p.put("mail.imaps.host", "127.0.0.1");
        p.put("mail.imaps.port", Integer.toString(ports.imaps()));
        p.put("mail.imaps.ssl.trust", "*");
        return Session.getInstance(p);
    }

    public MimeMessage message(String from, String to, String subject, String body) throws MessagingException {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject);
        m.setText(body);
        return m;
    }

    public void submit(String user, String password, MimeMessage message) throws MessagingException {
        try (Transport t = session().getTransport("smtp")) {
            t.connect(user, password);
            message.saveChanges();
            t.sendMessage(message, message.getAllRecipients());
        }
    }

    /** Sends as another mail server would: to the MX port, without logging in (STARTTLS when offered). */
    public void deliver(MimeMessage message) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(ports.smtp()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.ssl.trust", "*");
        p.put("mail.smtp.timeout", "20000");
        Session mx = Session.getInstance(p);
        message.saveChanges();
        try (Transport t = mx.getTransport("smtp")) {
            t.connect();
            t.sendMessage(message, message.getAllRecipients());
        }
    }

    public Store imap(String user, String password) throws MessagingException {
        Store store = session().getStore("imap");
        store.connect(user, password);
        return store;
    }

    public int count(String user, String password, String folder) throws MessagingException {
        try (Store store = imap(user, password)) {
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_ONLY);
            try {
                return f.getMessageCount();
            } finally {
                f.close(false);
            }
        }
    }

    public List<String> subjects(String user, String password, String folder) throws MessagingException {
        try (Store store = imap(user, password)) {
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_ONLY);
            try {
                List<String> out = new ArrayList<>();
                for (Message m : f.getMessages()) {
                    out.add(m.getSubject());
                }
                return out;
            } finally {
                f.close(false);
            }
        }
    }

    /** The raw bytes (IMAP BODY[]) of the INBOX message with this subject, waiting up to 30 s for it to arrive. */
    public byte[] raw(String user, String password, String subject) {
        return raw(user, password, "INBOX", subject);
    }

    /** The raw bytes of the message with this subject in that folder (Sent, Drafts…), waiting up to 30 s for it. */
    public byte[] raw(String user, String password, String folder, String subject) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> find(user, password, folder, subject), Optional::isPresent).orElseThrow();
    }

    /** The raw bytes of the delivery report (multipart/report) in INBOX that mentions this subject, if one is there. */
    public Optional<byte[]> report(String user, String password, String subject) throws MessagingException, java.io.IOException {
        try (Store store = imap(user, password)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message m : inbox.getMessages()) {
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    m.writeTo(raw);
                    if (m.isMimeType("multipart/report") && raw.toString(java.nio.charset.StandardCharsets.UTF_8).contains(subject)) {
                        return Optional.of(raw.toByteArray());
                    }
                }
                return Optional.empty();
            } finally {
                inbox.close(false);
            }
        }
    }

    private Optional<byte[]> find(String user, String password, String folder, String subject) throws Exception {
        try (Store store = imap(user, password)) {
            Folder inbox = store.getFolder(folder);
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message m : inbox.getMessages()) {
                    if (subject.equals(m.getSubject())) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        m.writeTo(out);
                        return Optional.of(out.toByteArray());
                    }
                }
                return Optional.empty();
            } finally {
                inbox.close(false);
            }
        }
    }
}
