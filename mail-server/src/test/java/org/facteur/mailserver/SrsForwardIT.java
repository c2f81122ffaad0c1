package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Forwards to remote addresses leave with an SRS envelope sender in the forwarding domain (so the receiver's SPF
 * check sees this server's domain, not the spoofable original), and bounces to that address come back to the
 * original sender. Remote domains are routed to a recording SMTP sink.
 */
class SrsForwardIT {
    static final SmtpSink remote = sink();

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(dir -> TestMailServers.settings(dir, List.of(
            new MailServerSettings.Route("remote.test", new MailServerSettings.HostPort("127.0.0.1", remote.port())),
            new MailServerSettings.Route("bank.test", new MailServerSettings.HostPort("127.0.0.1", remote.port())))));

    @BeforeAll
    static void aForwardToARemoteAddress() {
        mail.server().admin().addAlias("info@example.org", "bob@remote.test");
    }

    @AfterAll
    static void stopSink() throws IOException {
        remote.close();
    }

    @Test
    void aForwardedMessageLeavesWithAnSrsSenderAndItsBounceReturnsToTheOriginalSender() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("MAIL FROM:<ceo@bank.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<info@example.org>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("From: ceo@bank.test\r\nSubject: wire transfer\r\n\r\nplease pay\r\n.")).startsWith("250");
        }
        SmtpSink.Envelope forwarded = awaitEnvelopeFor("bob@remote.test");
        assertThat(forwarded.sender()).startsWith("SRS0=").endsWith("=bank.test=ceo@example.org");

        // the remote server bounces it: the DSN goes to the SRS address, which we accept and send back to ceo@bank.test
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + forwarded.sender() + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("From: MAILER-DAEMON@remote.test\r\nSubject: Undelivered Mail\r\n\r\nno such user bob\r\n."))
                    .startsWith("250");
        }
        SmtpSink.Envelope bounce = awaitEnvelopeFor("ceo@bank.test");
        assertThat(bounce.sender()).isEmpty();
    }

    @Test
    void aForgedOrAlteredSrsAddressIsRefused() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<SRS0=AAAAAAAA=AB=bank.test=ceo@example.org>")).startsWith("550 5.1.1 ")
                    .contains("not a valid forwarding (SRS) address");
            assertThat(smtp.command("RCPT TO:<SRS1=AAAAAAAA=bank.test==BBBB=AB=bank.test=ceo@example.org>")).startsWith("550 5.1.1 ");
        }
    }

    @Test
    void mailFromOurOwnUsersKeepsItsSender() throws Exception {
        mail.client().submit(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD,
                mail.client().message(MailServerExtension.ALICE, "carol@remote.test", "from alice", "hello"));
        assertThat(awaitEnvelopeFor("carol@remote.test").sender()).isEqualTo(MailServerExtension.ALICE);
    }

    private static SmtpSink.Envelope awaitEnvelopeFor(String recipient) {
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> remote.envelopes().stream().filter(e -> e.recipients().contains(recipient)).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static SmtpSink sink() {
        try {
            return new SmtpSink();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
