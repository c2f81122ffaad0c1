package org.facteur.mailserver.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.facteur.mailserver.MailServerExtension;
import org.facteur.mailserver.SmtpDialogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A MAIL inside a transaction gets {@code 503} and the transaction goes on as it was (RFC 5321 §4.1.4): its sender and
 * recipients stay, DATA delivers under the first sender. James 3.8.1 dropped the sender and kept the recipients, so
 * DATA was refused and a second MAIL gave the recipients a sender they were never checked with.
 */
class NestedMailIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @Test
    void aNestedMailIsRefusedAndTheTransactionKeepsItsSenderAndRecipients() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("MAIL FROM:<first@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + MailServerExtension.ALICE + ">")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<second@remote.test>")).startsWith("503 5.5.0 Sender already specified");
            assertThat(smtp.command("MAIL FROM:<third@remote.test>")).as("still inside the first transaction")
                    .startsWith("503 5.5.0 Sender already specified");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: nested MAIL\r\n\r\nHello\r\n.")).startsWith("250");

            assertThat(smtp.command("MAIL FROM:<fourth@remote.test>")).as("a new transaction after the message")
                    .startsWith("250");
            assertThat(smtp.command("RSET")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<fifth@remote.test>")).as("and after RSET").startsWith("250");
        }
        String delivered = new String(mail.client().raw(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD,
                "nested MAIL"), StandardCharsets.UTF_8);
        assertThat(delivered).contains("Return-Path: <first@remote.test>").doesNotContain("second@remote.test");
    }
}
