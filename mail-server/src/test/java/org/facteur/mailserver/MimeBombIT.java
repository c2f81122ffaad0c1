package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.facteur.mailserver.mime.HostileMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MIME bomb family sent through real SMTP sockets to one mailbox: each is refused at DATA with 552 5.3.4 and a
 * sentence naming the limit, or (broken encodings) accepted and delivered; then ordinary mail to the same mailbox is
 * still delivered and readable over IMAP within seconds (before the limits, one 10,000-level bomb wedged a spooler
 * thread for good).
 */
class MimeBombIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static final String ALICE = MailServerExtension.ALICE;
    private static final String SENDER = "mallory@hostile.test";

    @Test
    void everyBombIsRefusedAtDataWithASentenceAndNormalMailStillArrives() throws Exception {
        Map<byte[], String> corpus = new LinkedHashMap<>();
        corpus.put(HostileMessages.deepMultipart(SENDER, ALICE, 10_000), "more than 50 levels deep");
        corpus.put(HostileMessages.deepUnterminated(SENDER, ALICE, 10_000), "more than 50 levels deep");
        corpus.put(HostileMessages.deepRfc822(SENDER, ALICE, 10_000), "more than 50 levels deep");
        corpus.put(HostileMessages.deepMultipart(SENDER, ALICE, 51), "more than 50 levels deep");
        corpus.put(HostileMessages.manyParts(SENDER, ALICE, 100_000), "more than 2000 MIME parts");
        corpus.put(HostileMessages.manyHeaderLines(SENDER, ALICE, 20_000), "more than 10000 lines");
        corpus.put(HostileMessages.hugeHeader(SENDER, ALICE, 2 * 1024 * 1024), "larger than 1 MB");
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            for (Map.Entry<byte[], String> bomb : corpus.entrySet()) {
                long begin = System.nanoTime();
                String reply = send(smtp, bomb.getKey());
                System.out.printf("%,d-byte bomb answered in %d ms: %s", bomb.getKey().length,
                        (System.nanoTime() - begin) / 1_000_000, reply);
                assertThat(reply).startsWith("552 5.3.4 Message refused: ").contains(bomb.getValue())
                        .contains("this server's limit");
            }
            assertThat(send(smtp, HostileMessages.brokenEncodings(SENDER, ALICE))).startsWith("250");
            assertThat(send(smtp, HostileMessages.deepMultipart(SENDER, ALICE, 50))).as("the deepest allowed").startsWith("250");
            assertThat(send(smtp, HostileMessages.ordinary(SENDER, ALICE, "Still here"))).startsWith("250");
        }
        MailClient client = mail.client();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.subjects(ALICE, MailServerExtension.ALICE_PASSWORD, "INBOX")
                .contains("Still here"));
        assertThat(client.subjects(ALICE, MailServerExtension.ALICE_PASSWORD, "INBOX"))
                .as("nothing refused was stored; what was accepted was delivered")
                .containsExactlyInAnyOrder("broken encodings", "deep multipart 50", "Still here");
        assertThat(new String(client.raw(ALICE, MailServerExtension.ALICE_PASSWORD, "Still here"), StandardCharsets.UTF_8))
                .contains("Hello, this is Still here");
    }

    @Test
    void submissionRefusesABombToo() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().submission())) {
            smtp.greetAndEhlo();
            smtp.startTls();
            smtp.command("EHLO client.test");
            assertThat(smtp.authPlain(ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("235");
            assertThat(send(smtp, ALICE, HostileMessages.deepMultipart(ALICE, "someone@elsewhere.test", 10_000)))
                    .startsWith("552 5.3.4 Message refused: the message nests MIME parts more than 50 levels deep");
        }
    }

    @Test
    void imapAppendRefusesBombsWithASentenceAndStoresOrdinaryMail() throws Exception {
        try (ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1")) {
            assertThat(imap.login(ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(imap.command("CREATE Appended")).contains(" OK");
            Map<byte[], String> corpus = new LinkedHashMap<>();
            corpus.put(HostileMessages.deepMultipart(ALICE, ALICE, 10_000), "more than 50 levels deep");
            corpus.put(HostileMessages.deepRfc822(ALICE, ALICE, 10_000), "more than 50 levels deep");
            corpus.put(HostileMessages.manyParts(ALICE, ALICE, 100_000), "more than 2000 MIME parts");
            corpus.put(HostileMessages.hugeHeader(ALICE, ALICE, 2 * 1024 * 1024), "larger than 1 MB");
            for (Map.Entry<byte[], String> bomb : corpus.entrySet()) {
                long begin = System.nanoTime();
                String reply = imap.append("Appended", bomb.getKey());
                System.out.printf("%,d-byte APPEND answered in %d ms: %s", bomb.getKey().length,
                        (System.nanoTime() - begin) / 1_000_000, reply);
                assertThat(reply).contains(" NO APPEND refused: ").contains(bomb.getValue()).contains("not stored");
            }
            assertThat(imap.append("Appended", HostileMessages.brokenEncodings(ALICE, ALICE))).contains(" OK");
            assertThat(imap.append("Appended", HostileMessages.ordinary(ALICE, ALICE, "Appended after the bombs")))
                    .contains(" OK");
            assertThat(imap.command("STATUS Appended (MESSAGES)")).contains("MESSAGES 2");
            assertThat(imap.command("SELECT Appended")).contains(" OK");
            assertThat(imap.command("FETCH 2 BODY.PEEK[HEADER.FIELDS (SUBJECT)]")).contains("Subject: Appended after the bombs");
            assertThat(imap.command("FETCH 1:2 BODYSTRUCTURE")).contains(" OK");
        }
    }

    static String send(SmtpDialogue smtp, byte[] message) throws Exception {
        return send(smtp, SENDER, message);
    }

    static String send(SmtpDialogue smtp, String from, byte[] message) throws Exception {
        assertThat(smtp.command("MAIL FROM:<" + from + ">")).startsWith("250");
        String rcpt = new String(message, 0, Math.min(message.length, 400), StandardCharsets.ISO_8859_1)
                .lines().filter(l -> l.startsWith("To: ")).findFirst().orElseThrow().substring(4);
        assertThat(smtp.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
        assertThat(smtp.command("DATA")).startsWith("354");
        ByteArrayOutputStream data = new ByteArrayOutputStream(message.length + 5);
        boolean lineStart = true;
        for (byte b : message) { // dot-stuffing (RFC 5321 section 4.5.2)
            if (lineStart && b == '.') {
                data.write('.');
            }
            data.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            data.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        data.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        smtp.sendBytes(data.toByteArray());
        return smtp.reply();
    }
}
