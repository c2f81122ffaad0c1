package org.facteur.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.facteur.mailserver.MailServerExtension;
import org.facteur.mailserver.SmtpDialogue;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-sender submission limits over real sockets (3 messages per hour and 5 recipients per message here): past
 * them, {@code 451 4.7.1} at MAIL and {@code 452 4.5.3} at RCPT, each with a sentence; other senders, and the MX
 * port, are not affected.
 */
class SubmissionLimitsIT {
    static final String PASSWORD = "Corr3ct-horse";

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(
            data -> TestMailServers.settings(data).withSubmissionLimits(new SubmissionLimits(3, 5)));

    @BeforeAll
    static void members() {
        for (String user : new String[] {"busy", "calm", "many"}) {
            mail.server().admin().addUser(user + "@example.org", PASSWORD);
        }
    }

    static SmtpDialogue loggedIn(String user) throws Exception {
        SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().submission());
        smtp.greetAndEhlo();
        smtp.startTls();
        smtp.command("EHLO client.test");
        assertThat(smtp.authPlain(user, PASSWORD)).startsWith("235");
        return smtp;
    }

    static String send(SmtpDialogue smtp, String from, String to) throws Exception {
        String mailFrom = smtp.command("MAIL FROM:<" + from + ">");
        if (!mailFrom.startsWith("250")) {
            return mailFrom;
        }
        assertThat(smtp.command("RCPT TO:<" + to + ">")).startsWith("250");
        assertThat(smtp.command("DATA")).startsWith("354");
        return smtp.command("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: limits\r\n\r\nHello.\r\n.");
    }

    @Test
    void theMessageAfterTheHourlyLimitGets451WithASentenceAndOtherSendersGoOn() throws Exception {
        try (SmtpDialogue smtp = loggedIn("busy@example.org")) {
            for (int i = 0; i < 3; i++) {
                assertThat(send(smtp, "busy@example.org", "alice@example.org")).as("message %d", i + 1).startsWith("250");
            }
            String refused = send(smtp, "busy@example.org", "alice@example.org");
            assertThat(refused).startsWith("451 4.7.1 ").contains("3 messages within the last hour").containsIgnoringCase("try again later");
        }
        try (SmtpDialogue again = loggedIn("busy@example.org")) {
            assertThat(again.command("MAIL FROM:<busy@example.org>")).as("a new connection does not reset it").startsWith("451 4.7.1");
        }
        try (SmtpDialogue other = loggedIn("calm@example.org")) {
            assertThat(send(other, "calm@example.org", "alice@example.org")).startsWith("250");
        }
        try (SmtpDialogue mx = new SmtpDialogue(mail.settings().ports().smtp())) {
            mx.greetAndEhlo();
            for (int i = 0; i < 4; i++) {
                assertThat(send(mx, "busy@elsewhere.test", "alice@example.org")).as("MX message %d", i + 1).startsWith("250");
            }
        }
    }

    @Test
    void theRecipientAfterTheLimitPerMessageGets452AndTheOthersAreDelivered() throws Exception {
        try (SmtpDialogue smtp = loggedIn("many@example.org")) {
            assertThat(smtp.command("MAIL FROM:<many@example.org>")).startsWith("250");
            for (int i = 0; i < 5; i++) {
                assertThat(smtp.command("RCPT TO:<friend" + i + "@elsewhere.test>")).as("recipient %d", i + 1).startsWith("250");
            }
            assertThat(smtp.command("RCPT TO:<friend5@elsewhere.test>")).startsWith("452 4.5.3 ")
                    .contains("may have 5").contains("another message");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("From: <many@example.org>\r\nSubject: five\r\n\r\nHi.\r\n.")).startsWith("250");
        }
    }
}
