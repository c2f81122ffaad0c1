package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the server itself sends and who it is: bounces come from MAILER-DAEMON@hostname with the null envelope sender,
 * Facteur's own English and French text, and are RFC 3464 reports as Python's email parser reads them; mail to
 * postmaster@ reaches the configured postmaster; {@code localhost} is not a served domain nobody added.
 */
class BouncesIT {
    static final RejectingSmtpServer rejecting = rejecting();

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(dir -> TestMailServers.settings(dir, List.of(
            new MailServerSettings.Route("rejecting.test", new MailServerSettings.HostPort("127.0.0.1", rejecting.port()))))
            .withPostmaster(MailServerExtension.ALICE));

    @AfterAll
    static void stop() throws Exception {
        rejecting.close();
    }

    @Test
    void aBounceHasTheNullSenderComesFromMailerDaemonAndIsAnRfc3464ReportWithFacteursText() throws Exception {
        MailClient client = mail.client();
        client.submit(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD,
                client.message(MailServerExtension.ALICE, "nobody@rejecting.test", "Lost letter", "Will bounce"));
        byte[] raw = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> client.report(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, "Lost letter"),
                        Optional::isPresent).orElseThrow();

        JsonNode report = pythonReads(raw);
        assertThat(report.get("return_path").asText()).isEqualTo("<>");
        assertThat(report.get("from").asText()).isEqualTo("MAILER-DAEMON@mail.facteur.test");
        assertThat(report.get("content_type").asText()).isEqualTo("multipart/report");
        assertThat(report.get("report_type").asText()).isEqualTo("delivery-status");
        assertThat(report.get("parts").toString()).isEqualTo("[\"text/plain\",\"message/delivery-status\",\"message/rfc822\"]");
        assertThat(report.get("recipient").get("Final-Recipient").asText()).isEqualTo("rfc822; nobody@rejecting.test");
        assertThat(report.get("recipient").get("Action").asText()).isEqualTo("failed");
        // RFC 3464: Status is a status code alone; the remote server's reply goes in Diagnostic-Code
        assertThat(report.get("recipient").get("Status").asText()).isEqualTo("5.1.1");
        assertThat(report.get("recipient").get("Diagnostic-Code").asText()).isEqualTo("smtp; 550 5.1.1 No such user here");
        assertThat(report.get("reporting_mta").asText()).isEqualTo("dns; mail.facteur.test");
        assertThat(report.get("message_id").asText()).matches("<[A-Za-z0-9._-]+@mail\\.facteur\\.test>");
        String text = report.get("text").asText();
        assertThat(text).startsWith("This is the mail server at mail.facteur.test (Facteur).")
                .contains("could not be delivered", "Votre message n'a pas pu être remis", "nobody@rejecting.test")
                .doesNotContain("James");
        assertThat(text.indexOf("could not be delivered")).isLessThan(text.indexOf("n'a pas pu être remis"));
    }

    @Test
    void mailToPostmasterOfAServedDomainReachesTheConfiguredPostmaster() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(mail.settings().ports().smtp()));
        Session mx = Session.getInstance(p);
        MimeMessage message = new MimeMessage(mx, new ByteArrayInputStream(("From: carol@remote.test\r\n"
                + "To: postmaster@example.org\r\nSubject: For the postmaster\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII)));
        try (var t = mx.getTransport("smtp")) {
            t.connect();
            t.sendMessage(message, new InternetAddress[] {new InternetAddress("postmaster@example.org")});
        }
        assertThat(mail.client().raw(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, "For the postmaster")).isNotEmpty();
    }

    @Test
    void localhostIsNoServedDomainUnlessAnAdminAddsIt() throws Exception {
        assertThat(mail.server().admin().listDomains()).containsExactly("example.org");
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("MAIL FROM:<carol@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<postmaster@localhost>")).startsWith("5");
        }
        mail.server().admin().addDomain("localhost");
        assertThat(mail.server().admin().listDomains()).containsExactly("example.org", "localhost");
        mail.server().admin().removeDomain("localhost");
        assertThat(mail.server().admin().listDomains()).containsExactly("example.org");
    }

    private static RejectingSmtpServer rejecting() {
        try {
            return new RejectingSmtpServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String PYTHON = """
            import sys, json, email
            from email import policy
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=policy.default)
            parts = m.get_payload()
            status = parts[1].get_payload()
            print(json.dumps({
                'return_path': m['Return-Path'], 'from': str(m['From']), 'message_id': str(m['Message-ID']),
                'content_type': m.get_content_type(), 'report_type': m.get_param('report-type'),
                'parts': [p.get_content_type() for p in parts],
                'reporting_mta': str(status[0]['Reporting-MTA']),
                'recipient': {k: str(v) for k, v in status[1].items()},
                'text': parts[0].get_content()}))
            """;

    /** Python's email package (a parser that is not ours) reads the report; its findings as JSON. */
    private static JsonNode pythonReads(byte[] message) throws Exception {
        Path dir = Files.createTempDirectory("dsn");
        try {
            Path msg = Files.write(dir.resolve("dsn.eml"), message);
            Path script = Files.writeString(dir.resolve("read.py"), PYTHON);
            Process p = new ProcessBuilder("python3", script.toString(), msg.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return new ObjectMapper().readTree(out);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
