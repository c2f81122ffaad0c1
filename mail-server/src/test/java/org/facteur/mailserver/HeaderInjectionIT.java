package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.facteur.mailserver.admin.AdminException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing a client puts in the SMTP dialogue (HELO/EHLO name, envelope addresses and their parameters, SASL
 * identity) can add a header line to the message stored in the mailbox: control characters are refused with 501.
 * Each stored message is fetched back over IMAP and its header lines are checked one by one.
 */
class HeaderInjectionIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static final String FAKE = "Authentication-Results: mail.facteur.test; dkim=pass header.d=bank.test";

    @Test
    void aBareCrInEhloIsRefusedWithASentenceAndAddsNoHeaderLine() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.reply();
            String refused = smtp.command("EHLO evil.test\r" + FAKE);
            assertThat(refused).startsWith("501 5.5.2 ").contains("EHLO").contains("control character").doesNotContain("\r");
            // a client that carries on anyway: the refused name is used nowhere
            assertThat(smtp.command("EHLO evil.test")).startsWith("250");
            deliver(smtp, "sender@remote.test", "ehlo with CR");
        }
        assertOnlyExpectedHeaders(stored("ehlo with CR"));
    }

    @Test
    void aRefusedHeloDoesNotReplaceTheNameGivenBefore() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("HELO client.test\r" + FAKE)).startsWith("501 5.5.2 ").contains("HELO");
            assertThat(smtp.command("HELO tab\there.test")).startsWith("501 5.5.2 ");
            assertThat(smtp.command("EHLO nul\0here.test")).startsWith("501 5.5.2 ");
            deliver(smtp, "sender@remote.test", "helo refused after ehlo");
        }
        String raw = stored("helo refused after ehlo");
        assertOnlyExpectedHeaders(raw);
        assertThat(raw).contains("(EHLO client.test)");
    }

    @Test
    void controlCharactersInEnvelopeAddressesAndParametersAreRefused() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            // James's address parser accepts a backslash-escaped CR in a local part; RFC 5321 does not
            assertThat(smtp.command("MAIL FROM:<a\\\r" + "X-Injected\\:\\ yes@remote.test>")).startsWith("501 5.1.7 ");
            assertThat(smtp.command("MAIL FROM:<a@remote.test> BODY=8BITMIME\r" + FAKE)).startsWith("501 5.1.7 ");
            assertThat(smtp.command("MAIL FROM:<sender@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice\\\r" + "X-Injected\\:\\ yes@example.org>")).startsWith("501 5.1.3 ");
            assertThat(smtp.command("RCPT TO:<alice@example.org> NOTIFY=NEVER\r" + FAKE)).startsWith("501 5.1.3 ");
            assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: envelope with CR\r\n\r\nhello\r\n.")).startsWith("250");
        }
        assertOnlyExpectedHeaders(stored("envelope with CR"));
    }

    @Test
    void controlCharactersInARelayedRecipientAreRefusedOnSubmission() throws Exception {
        try (SmtpDialogue smtp = loggedIn()) {
            assertThat(smtp.command("MAIL FROM:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<bob\\\r" + "X-Injected\\:\\ yes@elsewhere.test>")).startsWith("501 5.1.3 ");
        }
    }

    @Test
    void anAddressWithAControlCharacterCanBeNeitherAMailboxNorALogin() throws Exception {
        assertThatThrownBy(() -> mail.server().admin().addUser("eve\\\rX-Injected\\:\\ yes@example.org", "S3cret-pass-2"))
                .isInstanceOf(AdminException.class).hasMessageContaining("not a valid email address");
        assertThatThrownBy(() -> mail.server().admin().addAlias("info\\\rX@example.org", "alice@example.org"))
                .isInstanceOf(AdminException.class).hasMessageContaining("not a valid email address");
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().submission())) {
            smtp.greetAndEhlo();
            smtp.startTls();
            smtp.command("EHLO client.test");
            assertThat(smtp.authPlain("alice@example.org\r\n" + FAKE, "S3cret-pass")).matches("(?s)5\\d\\d .*");
            smtp.command("MAIL FROM:<alice@example.org>");
            assertThat(smtp.command("RCPT TO:<someone@elsewhere.test>")).startsWith("5");
        }
    }

    private static SmtpDialogue loggedIn() throws Exception {
        return SmtpDialogue.loggedIn(mail.settings().ports().submission(), MailServerExtension.ALICE,
                MailServerExtension.ALICE_PASSWORD);
    }

    private static void deliver(SmtpDialogue smtp, String sender, String subject) throws Exception {
        assertThat(smtp.command("MAIL FROM:<" + sender + ">")).startsWith("250");
        assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
        assertThat(smtp.command("DATA")).startsWith("354");
        assertThat(smtp.command("Subject: " + subject + "\r\n\r\nhello\r\n.")).startsWith("250");
    }

    private static String stored(String subject) {
        return new String(mail.client().raw(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, subject),
                StandardCharsets.ISO_8859_1);
    }

    /** The header lines of the stored message are the server's own (Return-Path, Delivered-To, Received) and the Subject. */
    private static void assertOnlyExpectedHeaders(String raw) {
        String header = raw.substring(0, raw.indexOf("\r\n\r\n") + 2);
        assertThat(header.replace("\r\n", "")).as("bare CR or LF in the header").doesNotContain("\r").doesNotContain("\n");
        List<String> names = new ArrayList<>();
        for (String line : header.split("\r\n")) {
            if (!line.isEmpty() && line.charAt(0) != ' ' && line.charAt(0) != '\t') {
                names.add(line.substring(0, Math.max(0, line.indexOf(':'))));
            }
        }
        assertThat(names).as("header fields of\n" + header).containsOnly("Return-Path", "Delivered-To", "Received", "Subject");
    }
}
