package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 6409 section 8: the submission service adds Date and Message-ID when the client left them out, and never
 * replaces them; mail from other servers (the MX port) is passed on as it came. Sent with Jakarta Mail from raw
 * bytes, which it sends as they are (no header added by the client).
 */
class SubmissionDateAndMessageIdIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static final String BOB = "bob@example.org";
    private static final String BOB_PASSWORD = "An0ther-pass";

    @BeforeAll
    static void bob() {
        mail.server().admin().addUser(BOB, BOB_PASSWORD);
    }

    @Test
    void submissionAddsTheMissingDateAndMessageIdOnTheSendersDomain() throws Exception {
        Instant before = Instant.now().minusSeconds(2);
        submit(mail.client().session(), "smtp", "Subject: bare submission\r\n");

        MimeMessage got = received("bare submission");
        assertThat(got.getHeader("Message-ID")).hasSize(1);
        assertThat(got.getHeader("Message-ID")[0]).matches("<[A-Za-z0-9._-]{20,}@example\\.org>");
        assertThat(got.getHeader("Date")).hasSize(1);
        assertThat(got.getSentDate().toInstant()).isBetween(before, Instant.now().plusSeconds(2));
        assertThat(got.getHeader("Date")[0]).matches("\\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}.*");
    }

    @Test
    void implicitTlsSubmissionAddsThemTooAndEachMessageGetsItsOwnId() throws Exception {
        submit(mail.client().implicitTlsSession(), "smtps", "Subject: bare smtps one\r\n");
        submit(mail.client().implicitTlsSession(), "smtps", "Subject: bare smtps two\r\n");

        String one = received("bare smtps one").getMessageID();
        String two = received("bare smtps two").getMessageID();
        assertThat(one).endsWith("@example.org>");
        assertThat(two).endsWith("@example.org>").isNotEqualTo(one);
        assertThat(received("bare smtps one").getHeader("Date")).hasSize(1);
    }

    @Test
    void existingDateAndMessageIdAreKeptAsTheClientWroteThem() throws Exception {
        submit(mail.client().session(), "smtp", "Subject: complete submission\r\n"
                + "Date: Mon, 2 Mar 2020 10:11:12 +0100\r\n"
                + "Message-ID: <client-made.1@alice.laptop>\r\n");

        MimeMessage got = received("complete submission");
        assertThat(got.getHeader("Message-ID")).containsExactly("<client-made.1@alice.laptop>");
        assertThat(got.getHeader("Date")).containsExactly("Mon, 2 Mar 2020 10:11:12 +0100");
    }

    @Test
    void mailFromAnotherServerIsNotGivenThem() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(mail.settings().ports().smtp()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.ssl.trust", "*");
        Session mx = Session.getInstance(p);
        MimeMessage message = raw(mx, "From: Carol <carol@elsewhere.test>\r\nTo: " + BOB + "\r\nSubject: bare mx\r\n");
        try (Transport t = mx.getTransport("smtp")) {
            t.connect();
            t.sendMessage(message, new InternetAddress[] {new InternetAddress(BOB)});
        }

        MimeMessage got = received("bare mx");
        assertThat(got.getHeader("Message-ID")).isNull();
        assertThat(got.getHeader("Date")).isNull();
    }

    /** Alice sends these header lines (From and To added) to Bob, on the submission port the session names. */
    private static void submit(Session session, String protocol, String headers) throws Exception {
        MimeMessage message = raw(session, "From: Alice <" + MailServerExtension.ALICE + ">\r\nTo: " + BOB + "\r\n" + headers);
        try (Transport t = session.getTransport(protocol)) {
            t.connect(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD);
            t.sendMessage(message, new InternetAddress[] {new InternetAddress(BOB)});
        }
    }

    /** A message parsed from these bytes: Jakarta Mail writes it out unchanged. */
    private static MimeMessage raw(Session session, String headers) throws Exception {
        return new MimeMessage(session, new ByteArrayInputStream((headers + "\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private static MimeMessage received(String subject) throws Exception {
        byte[] raw = mail.client().raw(BOB, BOB_PASSWORD, subject);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }
}
