package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile or broken input on the MX: every case gets a clear SMTP reply (no hang), the server keeps
 * serving, and SMTP smuggling never turns one message into two.
 */
class HostileInputIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @AfterEach
    void serverStillServes() throws Exception {
        // A subject of its own: the test's own message may still be on its way, so counting could miss or double.
        String subject = "still alive " + System.nanoTime();
        String reply = sendRaw(("Subject: " + subject + "\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII),
                "\r\n.\r\n");
        assertThat(reply).startsWith("250");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mail.client().subjects("alice@example.org", "S3cret-pass", "INBOX").contains(subject));
    }

    @Test
    void aOneMegabyteHeaderLineGetsAnAnswer() throws Exception {
        String huge = "X-Huge: " + "a".repeat(1024 * 1024) + "\r\n";
        String reply = sendRaw((huge + "Subject: huge\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII), "\r\n.\r\n");
        assertThat(reply).matches("(?s)^[245]\\d\\d .*");
    }

    @Test
    void aMalformedMimeBodyIsAcceptedAndStaysReadable() throws Exception {
        int before = inboxCount();
        String mime = "Subject: broken mime\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"never-closed\"\r\n\r\n"
                + "--never-closed\r\nContent-Type: text/plain; charset=x-unknown-charset\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n"
                + "--never-closed\r\nContent-Type: multipart/alternative\r\n\r\n";
        String reply = sendRaw(mime.getBytes(StandardCharsets.US_ASCII), "\r\n.\r\n");
        assertThat(reply).startsWith("250");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxCount() == before + 1);
        assertThat(mail.client().subjects("alice@example.org", "S3cret-pass", "INBOX")).contains("broken mime");
    }

    @Test
    void bareLineFeedsGetAClearAnswer() throws Exception {
        String reply = sendRaw("Subject: bare lf\n\nline one\nline two\n".getBytes(StandardCharsets.US_ASCII), "\r\n.\r\n");
        assertThat(reply).matches("(?s)^[245]\\d\\d .*");
    }

    @Test
    void aNulByteGetsAClearAnswer() throws Exception {
        byte[] body = "Subject: nul\r\n\r\nbefore\0after\r\n".getBytes(StandardCharsets.US_ASCII);
        String reply = sendRaw(body, "\r\n.\r\n");
        assertThat(reply).matches("(?s)^[245]\\d\\d .*");
    }

    @Test
    void smugglingVariantsNeverSplitAMessage() throws Exception {
        for (String fakeEnd : new String[] {"\n.\n", "\r.\r", "\r\n.\n", "\n.\r\n", "\r\n.\r"}) {
            int before = inboxCount();
            String smuggled = "Subject: carrier\r\n\r\nfirst part" + fakeEnd
                    + "MAIL FROM:<ceo@example.org>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\n"
                    + "Subject: SMUGGLED\r\n\r\nsmuggled\r\n";
            String reply = sendRaw(smuggled.getBytes(StandardCharsets.ISO_8859_1), "\r\n.\r\n");
            assertThat(reply).as("reply for %s", escape(fakeEnd)).matches("(?s)^[245]\\d\\d .*");
            Thread.sleep(1500);
            int after = inboxCount();
            assertThat(after - before).as("messages added for %s", escape(fakeEnd)).isBetween(0, 1);
            assertThat(mail.client().subjects("alice@example.org", "S3cret-pass", "INBOX")).doesNotContain("SMUGGLED");
        }
    }

    @Test
    void aOneMegabyteLineInsideDataGetsExactlyOneAnswer() throws Exception {
        int before = inboxCount();
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("MAIL FROM:<sender@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.send("Subject: one huge line\r\n\r\nbefore\r\n" + "x".repeat(1024 * 1024) + "\r\nafter\r\n.\r\n");
            String answer = smtp.reply();
            assertThat(answer).startsWith("554 5.6.0 ").contains("line").contains("998");
            // the next reply is NOOP's own: no second answer for the same DATA is waiting in between
            assertThat(smtp.command("NOOP")).startsWith("250 2.0.0");
        }
        Thread.sleep(1500);
        assertThat(inboxCount()).as("the refused message is not delivered, not even truncated").isEqualTo(before);
    }

    @Test
    void quotedLocalPartsGetAClearAnswerAndNoStackTrace() throws Exception {
        try (LogCapture log = LogCapture.capture();
             SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("MAIL FROM:<\"john doe\"@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<\"john doe\"@example.org>")).startsWith("550 5.1.1 ").contains("never need quotes");
            assertThat(smtp.command("RCPT TO:<\"john@doe\"@example.org>")).startsWith("550 5.1.1 ").contains("never need quotes");
            assertThat(smtp.command("RCPT TO:<\"alice\"@example.org>")).startsWith("550 5.1.1 ");
            assertThat(smtp.command("RCPT TO:<\"john@doe\"@remote.test>")).startsWith("553 5.1.3 ").contains("@ inside");
            assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("RSET")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<\"john@doe\"@remote.test>")).startsWith("553 5.1.7 ").contains("@ inside");
            assertThat(log.stackTraces()).isEmpty();
        }
    }

    @Test
    void anOverlongRecipientIsRefusedForGoodWithoutAStackTrace() throws Exception {
        String longest = "a".repeat(254 - "@example.org".length()) + "@example.org";
        try (LogCapture log = LogCapture.capture();
             SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("MAIL FROM:<sender@remote.test>")).startsWith("250");
            // James answered 451 4.0.0 here (a user name may not exceed 255 characters), so the sender kept retrying.
            assertThat(smtp.command("RCPT TO:<" + "a".repeat(300) + "@example.org>"))
                    .startsWith("553 5.1.3 ").contains("312 characters long", "allows 254");
            assertThat(smtp.command("RCPT TO:<a" + longest + ">")).startsWith("553 5.1.3 ");
            assertThat(smtp.command("RCPT TO:<" + longest + ">")).as("254 characters is allowed: an unknown user")
                    .startsWith("550 ");
            assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
            assertThat(log.stackTraces()).isEmpty();
        }
    }

    @Test
    void inputAfterStartTlsGetsOneAnswerAndTheConnectionCloses() throws Exception {
        for (String injected : new String[] {"STARTTLS x\r\n", "STARTTLS\r\nMAIL FROM:<a@remote.test>\r\n"}) {
            try (LogCapture log = LogCapture.capture();
                 SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
                smtp.greetAndEhlo();
                smtp.send(injected);
                // James answered 451 to this and to every line after it, QUIT included, until the idle timeout.
                assertThat(smtp.reply()).as(escape(injected)).startsWith("421 4.7.0 Nothing may follow STARTTLS");
                String after;
                try {
                    after = smtp.command("NOOP");
                } catch (java.io.IOException closed) {
                    after = "closed";
                }
                assertThat(after).as("after " + escape(injected)).isEqualTo("closed");
                assertThat(log.stackTraces()).isEmpty();
            }
        }
    }

    private static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static int inboxCount() throws Exception {
        return mail.client().count("alice@example.org", "S3cret-pass", "INBOX");
    }

    /** One SMTP transaction on the MX with the given DATA bytes; returns the reply to the end of data. */
    private static String sendRaw(byte[] content, String end) throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("MAIL FROM:<sender@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            buf.write(content);
            buf.write(end.getBytes(StandardCharsets.US_ASCII));
            try {
                smtp.sendBytes(buf.toByteArray());
                String reply = smtp.reply();
                System.out.println("[hostile-input] " + escape(new String(content, 0, Math.min(40, content.length),
                        StandardCharsets.ISO_8859_1)) + " ... -> " + reply.strip());
                return reply;
            } catch (java.net.SocketException e) {
                // The server may close the connection on abuse: that is an answer too, as long as it is quick.
                return "421 connection closed by server: " + e.getMessage();
            } catch (java.io.IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("connection closed")) {
                    return "421 " + e.getMessage();
                }
                throw e;
            }
        }
    }
}
