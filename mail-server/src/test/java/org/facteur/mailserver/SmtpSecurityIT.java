package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** No open relay, no AUTH without TLS, no submission without AUTH. */
class SmtpSecurityIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @Test
    void mxRefusesToRelayForStrangers() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            String ehlo = smtp.greetAndEhlo();
            assertThat(ehlo).contains("STARTTLS").doesNotContain("AUTH");
            assertThat(smtp.command("MAIL FROM:<spammer@evil.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<victim@elsewhere.test>")).startsWith("5");
            assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
        }
    }

    @Test
    void mxRefusesToRelayEvenFromLoopbackAndAfterStartTls() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            smtp.startTls();
            smtp.command("EHLO client.test");
            assertThat(smtp.command("MAIL FROM:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<victim@elsewhere.test>")).startsWith("5");
        }
    }

    @Test
    void mxRefusesUnknownLocalUsers() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            smtp.command("MAIL FROM:<someone@remote.test>");
            assertThat(smtp.command("RCPT TO:<nobody@example.org>")).startsWith("550");
        }
    }

    @Test
    void submissionRefusesAuthBeforeStartTls() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().submission())) {
            String ehlo = smtp.greetAndEhlo();
            assertThat(ehlo).contains("STARTTLS").doesNotContain("AUTH");
            String auth = smtp.authPlain("alice@example.org", "S3cret-pass");
            assertThat(auth).startsWith("538");
            // the refused AUTH must not have authenticated the session
            smtp.command("MAIL FROM:<alice@example.org>");
            assertThat(smtp.command("RCPT TO:<someone@elsewhere.test>")).startsWith("5");
        }
    }

    @Test
    void submissionNeedsAuthEvenForLocalRecipients() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().submission())) {
            smtp.greetAndEhlo();
            smtp.startTls();
            smtp.command("EHLO client.test");
            String mail = smtp.command("MAIL FROM:<alice@example.org>");
            String rcpt = smtp.command("RCPT TO:<alice@example.org>");
            assertThat(mail + rcpt).as("MAIL then RCPT replies").contains("530");
            assertThat(rcpt).startsWith("5");
        }
    }

    @Test
    void submissionAfterStartTlsAuthenticatesAndRefusesWrongPassword() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().submission())) {
            smtp.greetAndEhlo();
            smtp.startTls();
            assertThat(smtp.command("EHLO client.test")).contains("AUTH");
            assertThat(smtp.authPlain("alice@example.org", "wrong-password")).startsWith("535");
            assertThat(smtp.authPlain("alice@example.org", "S3cret-pass")).startsWith("235");
            assertThat(smtp.command("MAIL FROM:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<someone@elsewhere.test>")).startsWith("250");
        }
    }

    @Test
    void submissionRefusesForgedSender() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().submission())) {
            smtp.greetAndEhlo();
            smtp.startTls();
            smtp.command("EHLO client.test");
            assertThat(smtp.authPlain("alice@example.org", "S3cret-pass")).startsWith("235");
            smtp.command("MAIL FROM:<president@example.org>");
            assertThat(smtp.command("RCPT TO:<someone@elsewhere.test>")).startsWith("5");
        }
    }
}
