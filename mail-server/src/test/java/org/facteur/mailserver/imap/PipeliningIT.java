package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands a client sends in one write, without waiting for the answer before (RFC 3501 §5.5, RFC 9051 §5.5), are
 * each checked against the state the command before them left (#15.12). On James 3.8.1 alone, {@code LOGIN} then
 * {@code SELECT} in one write got {@code NO SELECT failed. Command not valid in this state} (and a FETCH after a
 * SELECT the same) most of the time.
 */
class PipeliningIT {
    private static final String ALICE = "alice@example.org";
    private static final String PASSWORD = "S3cret-pass";
    private static final Pattern TAGGED = Pattern.compile("(?m)^(c\\d+) (OK|NO|BAD)\\b");

    @TempDir
    static Path data;
    private static MailServerSettings settings;
    private static FacteurMailServer server;

    @BeforeAll
    static void start() throws Exception {
        settings = TestMailServers.settings(data);
        server = FacteurMailServer.start(settings);
        server.admin().addDomain("example.org");
        server.admin().addUser(ALICE, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The tagged results in the order they came ({@code c1} is the dialogue's STARTTLS). */
    private static List<String> taggedResults(String reply) {
        List<String> results = new ArrayList<>();
        Matcher m = TAGGED.matcher(reply);
        while (m.find()) {
            results.add(m.group(1) + " " + m.group(2));
        }
        return results;
    }

    @Test
    void loginSelectFetchStoreInOneWriteAllSucceedInOrder() throws Exception {
        try (ImapDialogue setup = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
            setup.login(ALICE, PASSWORD);
            for (int i = 0; i < 3; i++) {
                assertThat(setup.append("INBOX", ("Subject: pipelined " + i + "\r\n\r\nbody " + i + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII))).contains(" OK");
            }
        }
        for (int round = 0; round < 10; round++) {
            try (ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
                String reply = imap.pipelined("LOGIN " + ALICE + " " + PASSWORD, "SELECT INBOX",
                        "UID FETCH 1:* (FLAGS)", "UID STORE 1:* +FLAGS.SILENT (\\Flagged)", "UID SEARCH FLAGGED",
                        "CLOSE", "STATUS INBOX (MESSAGES)", "LOGOUT");
                assertThat(taggedResults(reply)).as(reply).containsExactly("c2 OK", "c3 OK", "c4 OK", "c5 OK",
                        "c6 OK", "c7 OK", "c8 OK", "c9 OK");
                assertThat(reply).contains("* 3 EXISTS", "* SEARCH 1 2 3", "* STATUS \"INBOX\" (MESSAGES 3)");
            }
        }
    }

    @Test
    void appendLiteralsInTheBurstAreMessagesNotCommands() throws Exception {
        String message = "Subject: looks like commands\r\n\r\nx1 LOGOUT\r\nx2 SELECT {5}\r\n";
        try (ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
            assertThat(imap.login(ALICE, PASSWORD)).startsWith("OK");
            assertThat(imap.command("CREATE Pipelined")).contains(" OK");
            String reply = imap.pipelined("SELECT Pipelined",
                    "APPEND Pipelined {" + message.length() + "+}\r\n" + message,
                    "APPEND Pipelined {" + message.length() + "+}\r\n" + message,
                    "NOOP", "UID SEARCH SUBJECT commands");
            assertThat(taggedResults(reply)).as(reply).containsExactly("c4 OK", "c5 OK", "c6 OK", "c7 OK", "c8 OK");
            assertThat(reply).contains("* SEARCH 1 2").doesNotContain("x1", "BYE");
        }
    }

    @Test
    void idleEndsWithDoneSentTogetherWithTheNextCommand() throws Exception {
        try (ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
            assertThat(imap.login(ALICE, PASSWORD)).startsWith("OK");
            assertThat(imap.command("SELECT INBOX")).contains(" OK");
            imap.write("i1 IDLE\r\n");
            assertThat(imap.readUntil("+ ")).contains("+ ");
            imap.write("DONE\r\ni2 NOOP\r\n");
            String reply = imap.readUntil("i2 ");
            assertThat(reply).contains("i1 OK").contains("i2 OK");
        }
    }

    @Test
    void authenticateContinuationIsNotHeldBack() throws Exception {
        try (ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
            assertThat(imap.authenticatePlain(ALICE, PASSWORD, false)).contains("OK");
            assertThat(imap.pipelined("SELECT INBOX", "UID SEARCH ALL")).contains("* SEARCH");
        }
    }

    @Test
    void commandsInjectedAfterStarttlsInTheSameWriteAreNeverAnswered() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", settings.ports().imap())) {
            plain.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
            in.readLine();
            plain.getOutputStream().write("a NOOP\r\nb STARTTLS\r\nc CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
            plain.getOutputStream().flush();
            StringBuilder seen = new StringBuilder();
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    seen.append(line).append('\n');
                }
            } catch (java.net.SocketException reset) {
                seen.append("(reset)");
            }
            assertThat(seen.toString()).contains("a OK").doesNotContain("c OK", "* CAPABILITY", "b OK");
        }
    }
}
