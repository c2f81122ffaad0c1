package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.mail.Folder;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw UTF-8 in header fields (RFC 6532) arrives and is served byte for byte (#15.2). On James 3.8.1 every byte of
 * such a header became {@code ?} when the message was stored (a header had been added) and again in FETCH of
 * {@code BODY[HEADER.FIELDS (…)]} and ENVELOPE: {@code Subject: Réunion} read {@code R??union}.
 */
class Utf8HeadersIT {
    private static final String SUBJECT = "Réunion du trésorier — ordre du jour ✓ 日本";
    private static final String NAME = "Trésorière Zoë";

    @TempDir
    Path data;

    @Test
    void utf8HeadersSurviveDeliveryAndEveryKindOfFetch() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings)) {
            server.admin().addDomain("example.org");
            server.admin().addUser("bob@example.org", "S3cret-pass");
            String message = "From: " + NAME + " <t@remote.test>\r\nTo: bob@example.org\r\nSubject: " + SUBJECT + "\r\n"
                    + "Message-ID: <utf8-1@remote.test>\r\nDate: Tue, 01 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nCorps é\r\n";
            try (SmtpDialogue smtp = new SmtpDialogue(settings.ports().smtp())) {
                smtp.greetAndEhlo();
                // Internationalised envelope addresses (RFC 6531) are refused in words; James said "501 Syntax error".
                smtp.sendBytes("MAIL FROM:<zoë@remote.test>\r\n".getBytes(StandardCharsets.UTF_8));
                assertThat(smtp.reply()).startsWith("553 5.6.7 The sender address has non-ASCII characters");
                assertThat(smtp.command("MAIL FROM:<t@remote.test> BODY=8BITMIME")).startsWith("250");
                smtp.sendBytes("RCPT TO:<zoë@example.org>\r\n".getBytes(StandardCharsets.UTF_8));
                assertThat(smtp.reply()).startsWith("553 5.6.7 The recipient address has non-ASCII characters");
                assertThat(smtp.command("RCPT TO:<bob@example.org>")).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                smtp.sendBytes((message + ".\r\n").getBytes(StandardCharsets.UTF_8));
                assertThat(smtp.reply()).startsWith("250");
            }
            MailClient client = new MailClient(settings.ports());
            await().atMost(Duration.ofSeconds(30)).until(() -> client.count("bob@example.org", "S3cret-pass", "INBOX") == 1);

            try (ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
                imap.login("bob@example.org", "S3cret-pass");
                imap.command("SELECT INBOX");
                assertThat(imap.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)])"))
                        .contains("Subject: " + SUBJECT + "\n", "From: " + NAME + " <t@remote.test>").doesNotContain("??");
                assertThat(imap.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS.NOT (TO)])")).contains("Subject: " + SUBJECT);
                assertThat(imap.command("FETCH 1 (ENVELOPE)")).contains("=?UTF-8?B?").doesNotContain("?? ");
            }
            try (Store store = client.imap("bob@example.org", "S3cret-pass")) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                MimeMessage fetched = (MimeMessage) inbox.getMessage(1);
                // Jakarta Mail reads Subject and From from ENVELOPE.
                assertThat(fetched.getSubject()).isEqualTo(SUBJECT);
                assertThat(((InternetAddress) fetched.getFrom()[0]).getPersonal()).isEqualTo(NAME);
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                fetched.writeTo(raw);
                assertThat(raw.toString(StandardCharsets.UTF_8)).contains("Subject: " + SUBJECT + "\r\n", "Corps é");
            }
        }
    }
}
