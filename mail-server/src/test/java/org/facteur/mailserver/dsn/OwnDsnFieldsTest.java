package org.facteur.mailserver.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class OwnDsnFieldsTest {
    private static final String REPORT = "From: %s\r\nTo: alice@example.org\r\nMessage-ID: <1.2@localhost>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nNot delivered.\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; 127.0.0.1\r\n\r\n"
            + "Final-Recipient: rfc822; nobody@remote.test\r\nAction: failed\r\nStatus: 550 5.1.1 No such user\r\n"
            + "--b--\r\n";

    @Test
    void aDsnMadeHereIsCorrectedAndAnotherServersIsLeftAsItCame() throws Exception {
        OwnDsnFields mailet = new OwnDsnFields();
        mailet.init(FakeMailetConfig.builder().mailetName("OwnDsnFields").mailetContext(FakeMailContext.defaultContext())
                .setProperty("hostname", "mail.example.org").setProperty("sender", "MAILER-DAEMON@mail.example.org").build());

        Mail own = report("MAILER-DAEMON@mail.example.org");
        mailet.service(own);
        String fixed = text(own);
        assertThat(fixed).contains("Status: 5.1.1", "Reporting-MTA: dns; mail.example.org").doesNotContain("550 5.1.1 No such user")
                .containsPattern("Message-ID: <[^>]+@mail\\.example\\.org>");

        Mail theirs = report("MAILER-DAEMON@remote.test"); // another server's DSN, returned to the original sender by SRS
        String before = text(theirs);
        mailet.service(theirs);
        assertThat(text(theirs)).isEqualTo(before).contains("Status: 550 5.1.1 No such user");
    }

    private static Mail report(String from) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(REPORT.formatted(from).getBytes(StandardCharsets.US_ASCII)));
        return FakeMail.builder().name("dsn").recipient("alice@example.org").mimeMessage(message).build();
    }

    private static String text(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void theStatusCodeIsTakenFromTheSmtpReply() {
        assertThat(OwnDsnFields.statusCode("550 5.1.1 No such user here")).isEqualTo("5.1.1");
        assertThat(OwnDsnFields.statusCode("452 4.2.2 Mailbox full")).isEqualTo("4.2.2");
        assertThat(OwnDsnFields.statusCode("554 Transaction failed")).isEqualTo("5.0.0");
        assertThat(OwnDsnFields.statusCode("5.7.1")).isEqualTo("5.7.1");
        assertThat(OwnDsnFields.statusCode("Connection refused")).isEqualTo("5.0.0");
    }

    @Test
    void everyRecipientsStatusAndTheReportingMtaChangeNothingElse() {
        String fields = "Reporting-MTA: dns; 127.0.0.1\nReceived-From-MTA: dns; client.test\n\n"
                + "Final-Recipient: rfc822; a@x.test\nAction: failed\n"
                + "Status: 550 5.1.1 No such user here\nDiagnostic-Code: smtp; 550 5.1.1 No such user here\n\n"
                + "Final-Recipient: rfc822; b@x.test\nAction: failed\nStatus: 5.2.2\n";
        assertThat(OwnDsnFields.fields(fields, "mail.example.org")).isEqualTo(fields
                .replace("Reporting-MTA: dns; 127.0.0.1", "Reporting-MTA: dns; mail.example.org")
                .replace("Status: 550 5.1.1 No such user here", "Status: 5.1.1"));
    }
}
