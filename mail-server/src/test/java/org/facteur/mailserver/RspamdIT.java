package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.facteur.mailserver.spam.RspamdServer;
import org.facteur.mailserver.spam.RspamdSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rspamd as the spam filter of the MX, against a real Rspamd started from Debian's package ({@link RspamdServer}): GTUBE is
 * refused at the end of DATA, a message Rspamd scores over its {@code add header} threshold lands in Junk, a plain one
 * in INBOX, each with our X-Spam-Status (a sender's own is removed); a member moving a message into Junk over IMAP makes
 * Rspamd's controller learn it.
 */
class RspamdIT {
    private static final RspamdServer RSPAMD = startRspamd();

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(dir -> TestMailServers.settings(dir)
            .withRspamd(new RspamdSettings(RSPAMD.checkUrl(), Optional.of(RSPAMD.controllerUrl()), "")));

    private static RspamdServer startRspamd() {
        try {
            return RspamdServer.start(TestRedis.shared().port());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopRspamd() throws Exception {
        RSPAMD.close();
    }

    @Test
    void gtubeIsRefusedAtTheEndOfData() throws Exception {
        String reply = send(message("Offer " + UUID.randomUUID(),
                "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"));
        assertThat(reply).startsWith("550 5.7.1 This message was refused as spam (Gtube pattern, score 15.0 of 15.0)");
    }

    @Test
    void aPlainMessageReachesInboxMarkedNotSpamAndASendersOwnVerdictIsGone() throws Exception {
        String subject = "Meeting " + UUID.randomUUID();
        byte[] forged = ("X-Spam-Status: No, score=-50.00 required=15.00\r\nX-Spam-Score: -50\r\n"
                + new String(message(subject, "See you on Thursday at the association's office."), StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(send(forged)).startsWith("250");
        String delivered = new String(mail.client().raw(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, subject),
                StandardCharsets.ISO_8859_1);
        assertThat(delivered).contains("X-Spam-Status: No, score=").doesNotContain("score=-50")
                .doesNotContain("X-Spam-Score: -50");
        assertThat(delivered.split("X-Spam-Status:", -1)).as("exactly one").hasSize(2);
        assertThat(delivered.split("X-Spam-Score:", -1)).as("exactly one").hasSize(2);
    }

    @Test
    void aMessageOverTheAddHeaderThresholdIsFiledInJunk() throws Exception {
        String subject = "junk-me " + UUID.randomUUID();
        assertThat(send(message(subject, "Nothing special in the body."))).startsWith("250");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                mail.client().subjects(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, "Junk").contains(subject));
        assertThat(mail.client().subjects(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, "INBOX")).doesNotContain(subject);
        try (Store store = mail.client().imap(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)) {
            Folder junk = store.getFolder("Junk");
            junk.open(Folder.READ_ONLY);
            for (Message m : junk.getMessages()) {
                if (subject.equals(m.getSubject())) {
                    // over add_header (6), under reject (15): the exact score moves with what Rspamd learned in Redis before
                    String status = m.getHeader("X-Spam-Status")[0];
                    assertThat(m.getHeader("X-Spam-Status")).hasSize(1);
                    assertThat(status).startsWith("Yes, score=");
                    int from = "Yes, score=".length();
                    double score = Double.parseDouble(status.substring(from, status.indexOf(' ', from)));
                    assertThat(score).isGreaterThanOrEqualTo(6).isLessThan(15);
                }
            }
        }
    }

    @Test
    void movingAMessageIntoJunkTeachesRspamd() throws Exception {
        String subject = "Lottery " + UUID.randomUUID();
        assertThat(send(message(subject, "Congratulations dear winner, your lottery prize of one million euros awaits"
                + " collection; send your bank details and a processing fee today to claim the transfer quickly"))).startsWith("250");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                mail.client().subjects(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD, "INBOX").contains(subject));
        long before = RSPAMD.learned();
        try (Store store = mail.client().imap(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] lottery = java.util.Arrays.stream(inbox.getMessages()).filter(m -> {
                try {
                    return subject.equals(m.getSubject());
                } catch (jakarta.mail.MessagingException e) {
                    return false;
                }
            }).toArray(Message[]::new);
            assertThat(lottery).hasSize(1);
            inbox.moveMessages(lottery, store.getFolder("Junk"));
            inbox.close(false);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> RSPAMD.learned() == before + 1);
    }

    static byte[] message(String subject, String body) {
        return ("From: <friend@sender.test>\r\nTo: <alice@example.org>\r\nSubject: " + subject + "\r\n"
                + "Date: Wed, 02 Dec 2026 06:00:00 +0000\r\nMessage-ID: <" + UUID.randomUUID() + "@sender.test>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** One SMTP transaction on the MX port; the reply to the end of DATA. */
    static String send(byte[] message) throws IOException {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp(), "127.0.0.1")) {
            smtp.reply();
            assertThat(smtp.command("EHLO mx.sender.test")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<friend@sender.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.sendBytes(message);
            return smtp.command(".");
        }
    }
}
