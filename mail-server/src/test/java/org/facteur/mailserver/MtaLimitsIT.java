package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Limits a real MTA has by default: connections per client address (loopback peers in the exempt list are not
 * counted), recipients per transaction, a storage quota for new mailboxes, and a reset connection costs one log line.
 * This server allows 3 connections per client, exempts 127.0.0.2 and gives new mailboxes 1 MB.
 */
class MtaLimitsIT {
    private static final int PER_CLIENT = 3;
    private static final long DEFAULT_QUOTA = 1024 * 1024;

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(dir -> TestMailServers.withLimits(
            TestMailServers.settings(dir), new MailServerSettings.Limits(25L * 1024 * 1024, 0, PER_CLIENT,
                    50L * 1024 * 1024, List.of("127.0.0.2/32"), 1000, Optional.of(DEFAULT_QUOTA))));

    @Test
    void aClientGetsAtMostTheLimitOfConnectionsPerPort() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_CLIENT; i++) {
                held.add(connect(mail.settings().ports().smtp(), "127.0.0.1", "220 "));
            }
            try (Socket refused = new Socket("127.0.0.1", mail.settings().ports().smtp())) {
                BufferedReader in = reader(refused);
                assertThat(in.readLine()).startsWith("421 4.7.0 Too many connections from your address");
                assertThat(in.readLine()).as("closed after the refusal").isNull();
            }
            for (int i = 0; i < PER_CLIENT; i++) {
                held.add(connect(mail.settings().ports().imap(), "127.0.0.1", "* OK"));
            }
            try (Socket refused = new Socket("127.0.0.1", mail.settings().ports().imap())) {
                assertThat(reader(refused).readLine()).startsWith("* BYE Too many connections from your address");
            }
            // a client in the exempt networks is not counted (loopback, where the webmail connects from, by default)
            for (int i = 0; i < PER_CLIENT * 2; i++) {
                held.add(connect(mail.settings().ports().smtp(), "127.0.0.2", "220 "));
            }
            // once a connection ends, its place is free again
            held.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> {
                        held.add(connect(mail.settings().ports().smtp(), "127.0.0.1", "220 "));
                        return true;
                    });
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void recipientsPastTheLimitGet452AndTheTransactionGoesOn() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("MAIL FROM:<sender@remote.test>")).startsWith("250");
            smtp.send("RCPT TO:<alice@example.org>\r\n".repeat(1000));   // PIPELINING
            for (int i = 0; i < 1000; i++) {
                assertThat(smtp.reply()).as("recipient %d", i + 1).startsWith("250");
            }
            assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("452 4.5.3 Too many recipients");
            assertThat(smtp.command("RCPT TO:<postmaster@example.org>")).startsWith("452 4.5.3");
            assertThat(smtp.command("RSET")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<sender@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
        }
    }

    @Test
    void aDeclaredSizeOverTheLimitGets552HoweverLargeTheNumberOnMxAndSubmission() throws Exception {
        long limit = 25L * 1024 * 1024;
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            assertThat(smtp.greetAndEhlo()).contains("SIZE " + limit);
            assertThat(smtp.command("MAIL FROM:<sender@remote.test> SIZE=" + (limit + 1)))
                    .startsWith("552 5.3.4 Message size exceeds fixed maximum message size: the message declares "
                            + (limit + 1) + " bytes, this server takes up to " + limit);
            // James read the number into an int: past 2^31 - 1 it answered 501 "Syntactically incorrect value"
            assertThat(smtp.command("MAIL FROM:<sender@remote.test> SIZE=999999999999"))
                    .startsWith("552 5.3.4 Message size exceeds fixed maximum message size: the message declares 999999999999 bytes");
            assertThat(smtp.command("MAIL FROM:<sender@remote.test> SIZE=" + "9".repeat(60)))
                    .startsWith("552 5.3.4").contains("declares 10^20 or more bytes");
            assertThat(smtp.command("MAIL FROM:<sender@remote.test> SIZE=12x"))
                    .startsWith("501 5.5.4 Syntactically incorrect value for SIZE parameter: it takes the message's size in bytes");
            assertThat(smtp.command("MAIL FROM:<sender@remote.test> SIZE=00" + (limit + 1)))
                    .contains("declares " + (limit + 1) + " bytes");
            assertThat(smtp.command("MAIL FROM:<sender@remote.test> SIZE=" + limit)).startsWith("250");
            assertThat(smtp.command("RSET")).startsWith("250");
        }
        mail.server().admin().addUser("sizes@example.org", "S1zes-pass!");
        try (SmtpDialogue submission = SmtpDialogue.loggedIn(mail.settings().ports().submission(), "sizes@example.org", "S1zes-pass!")) {
            assertThat(submission.command("MAIL FROM:<sizes@example.org> SIZE=4294967296")).startsWith("552 5.3.4");
            assertThat(submission.command("MAIL FROM:<sizes@example.org> SIZE=1000")).startsWith("250");
        }
    }

    @Test
    void aMessageOverTheLimitSentWithoutSizeIsRefusedAtTheEndOfData() throws Exception {
        mail.server().admin().addUser("big@example.org", "B1g-mailbox!");
        mail.server().admin().setQuota("big@example.org", Optional.empty(), Optional.empty());
        byte[] megabyte = ("x".repeat(1022) + "\r\n").repeat(1024).getBytes(StandardCharsets.US_ASCII);
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            assertThat(smtp.command("MAIL FROM:<sender@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<big@example.org>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.sendBytes("Subject: too big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 26; i++) {
                smtp.sendBytes(megabyte);
            }
            assertThat(smtp.command(".")).as("the 26 MiB message, over the 25 MiB limit").startsWith("552");
            assertThat(smtp.command("MAIL FROM:<sender@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<big@example.org>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: small\r\n\r\nHello\r\n.")).startsWith("250");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.client().subjects("big@example.org", "B1g-mailbox!", "INBOX").contains("small"));
        assertThat(mail.client().subjects("big@example.org", "B1g-mailbox!", "INBOX")).containsExactly("small");
    }

    @Test
    void aResetConnectionLogsOneLineAndNoStackTrace() throws Exception {
        try (LogCapture log = LogCapture.capture("org.facteur.mailserver.net")) {
            reset(mail.settings().ports().smtp(), "EHLO client.test\r\n");
            reset(mail.settings().ports().imap(), "a1 CAPABILITY\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> !log.stackTraces().isEmpty() || endedByClient(log) == 2);
            assertThat(log.stackTraces()).isEmpty();
            assertThat(endedByClient(log)).isEqualTo(2);
        }
    }

    @Test
    void newMailboxesGetTheDefaultQuotaAndQuotaSetStillOverridesIt() throws Exception {
        mail.server().admin().addUser("quota@example.org", "Qu0ta-pass!");
        assertThat(mail.server().admin().quota("quota@example.org").storageLimit()).isEqualTo(DEFAULT_QUOTA);
        try (Store store = mail.client().imap("quota@example.org", "Qu0ta-pass!")) {
            Folder inbox = store.getFolder("INBOX");
            inbox.appendMessages(new MimeMessage[] {big("first")});
            assertThatThrownBy(() -> inbox.appendMessages(new MimeMessage[] {big("second")}))
                    .isInstanceOf(MessagingException.class).hasMessageContaining("OVERQUOTA");
            mail.server().admin().setQuota("quota@example.org", Optional.empty(), Optional.empty());
            inbox.appendMessages(new MimeMessage[] {big("third")});
        }
        assertThat(mail.client().subjects("quota@example.org", "Qu0ta-pass!", "INBOX")).containsExactly("first", "third");
    }

    private static long endedByClient(LogCapture log) {
        return log.messagesOf("org.facteur.mailserver.net").stream().filter(m -> m.contains("ended by the client")).count();
    }

    private static MimeMessage big(String subject) throws MessagingException {
        String line = "x".repeat(75) + "\n";
        return mail.client().message("quota@example.org", "quota@example.org", subject, line.repeat(600 * 1024 / line.length()));
    }

    /** Opens a connection from {@code localAddress} and checks the first line of the greeting. */
    private static Socket connect(int port, String localAddress, String greeting) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(10_000);
        String first = reader(socket).readLine();
        if (first == null || !first.startsWith(greeting)) {
            socket.close();
            throw new IOException("expected " + greeting + " from port " + port + ", got " + first);
        }
        return socket;
    }

    /** Connects, says one thing, reads the answer, then resets the connection (RST, not FIN). */
    private static void reset(int port, String command) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        BufferedReader in = reader(socket);
        in.readLine();
        socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
        in.readLine();
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }
}
