package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.facteur.lists.model.Preset;
import org.facteur.mailserver.admin.AdminException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Forged command mails sent through the MX cannot turn the list robot into a mail bomb, and a hostile subject
 * cannot put a line break or a control character into a header of what the lists send. Each victim is a local
 * mailbox; what it holds is counted over IMAP once the server has had time to send everything it would send.
 */
class ListAbuseIT {
    private static final String PASS = MailServerExtension.ALICE_PASSWORD;

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @BeforeAll
    static void lists() throws Exception {
        FacteurMailServer server = mail.server();
        for (String victim : List.of("victim1", "victim2", "victim3", "victim4")) {
            server.admin().addUser(victim + "@example.org", PASS);
        }
        for (String list : List.of("team", "club1", "club2", "club3", "club4", "club5")) {
            server.lists().create(list + "@example.org", Preset.DISCUSSION, Locale.ENGLISH, MailServerExtension.ALICE, false, List.of());
        }
    }

    @Test
    void sixtyForgedSubscriptionsInTwoSecondsMakeFiveConfirmations() throws Exception {
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String list = i % 2 == 0 ? "team" : "club1";
            forged.add(commandMail("victim1@example.org", "SUB " + list, "SUB " + list));
        }
        sendThroughMx("lists@example.org", forged);
        assertThat(settledInbox("victim1@example.org", 5)).hasSize(5).allSatisfy(s -> assertThat(s).startsWith("CONFIRM "));
    }

    @Test
    void oneMailWithFiveHundredSubscriptionsRunsThreeAndSaysTheRestWereIgnored() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            body.append("SUB club").append(i % 5 + 1).append("\r\n");
        }
        sendThroughMx("lists@example.org", List.of(commandMail("victim2@example.org", "", body.toString())));
        List<String> subjects = settledInbox("victim2@example.org", 4);
        assertThat(subjects).filteredOn(s -> s.startsWith("CONFIRM ")).hasSize(3);
        assertThat(subjects).filteredOn(s -> s.startsWith("Re:")).hasSize(1);
    }

    @Test
    void sixtyForgedHelpRequestsMakeTenReplies() throws Exception {
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            forged.add(commandMail("victim3@example.org", "HELP", "HELP"));
        }
        sendThroughMx("team-request@example.org", forged);
        assertThat(settledInbox("victim3@example.org", 10)).hasSize(10).allSatisfy(s -> assertThat(s).isEqualTo("Re: HELP"));
    }

    @Test
    void aHostileSubjectReachesTheModeratorFlattenedToOneLine() throws Exception {
        String post = "From: x@remote.test\r\nTo: team@example.org\r\n"
                + "Subject: =?utf-8?q?Hi=0ABcc=3A_victim4@example.org=0DX-Spam=3A_no=00?=\r\n"
                + "Message-ID: <hostile-subject@remote.test>\r\n\r\nhello\r\n";
        sendThroughMx("team@example.org", List.of(post));
        byte[] raw = await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(jakarta.mail.MessagingException.class)
                .until(() -> rawMessage(MailServerExtension.ALICE, "To moderate"), r -> r != null);
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        String headers = all.substring(0, all.indexOf("\r\n\r\n") + 2);
        assertThat(headers.replace("\r\n ", "").replace("\r\n\t", "").replace("\r\n", ""))
                .as("no control byte but CRLF folding in%n%s", headers).doesNotMatch("(?s).*[\\x00-\\x08\\x0a-\\x1f\\x7f].*");
        MimeMessage notice = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        assertThat(notice.getHeader("Bcc")).isNull();
        assertThat(notice.getHeader("X-Spam")).isNull();
        for (Header header : Collections.list(notice.getAllHeaders())) {
            assertThat(MimeUtility.decodeText(MimeUtility.unfold(header.getValue()))).as(header.getName())
                    .doesNotMatch("(?s).*[\\x00-\\x08\\x0a-\\x1f\\x7f-\\x9f].*"); // a folding tab may stay
        }
        assertThat(notice.getSubject()).matches("\\[team\\] To moderate: Hi Bcc: victim4@example.org X-Spam: no \\(DISTRIBUTE team [a-z2-7]{25}\\)");
        assertThat(mail.client().count("victim4@example.org", PASS, "INBOX")).isZero();
    }

    @Test
    void anAdministratorCannotPutALineBreakIntoWhatBecomesAHeader() {
        var lists = mail.server().lists();
        assertThatThrownBy(() -> lists.set("team@example.org", java.util.Map.of("name", "Team\r\nBcc: victim4@example.org")))
                .isInstanceOfSatisfying(AdminException.class, e -> assertThat(e.kind()).isEqualTo(AdminException.Kind.INVALID))
                .hasMessage("The list name cannot contain line breaks or control characters.");
        assertThatThrownBy(() -> lists.addMember("team@example.org", "bob@remote.test", "Bob\u0000", org.facteur.lists.model.Role.SUBSCRIBER))
                .isInstanceOf(AdminException.class).hasMessage("A member's name cannot contain line breaks or control characters.");
        assertThat(lists.get("team@example.org").name()).isEqualTo("team");
    }

    // --- helpers ---

    /** A command mail with a forged From: the envelope sender is the attacker's own. */
    private static String commandMail(String forgedFrom, String subject, String body) {
        return "From: " + forgedFrom + "\r\nTo: lists@example.org\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + java.util.UUID.randomUUID() + "@attacker.test>\r\n\r\n" + body + "\r\n";
    }

    /** Sends each message in its own transaction, as fast as the server takes them, over one MX session. */
    private static void sendThroughMx(String recipient, List<String> messages) throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            for (String message : messages) {
                assertThat(smtp.command("MAIL FROM:<attacker@remote.test>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<" + recipient + ">")).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                assertThat(smtp.command(message.replace("\r\n.", "\r\n..") + ".")).startsWith("250");
            }
            smtp.command("QUIT");
        }
    }

    /**
     * The subjects in the INBOX once it reached {@code expected} messages and stayed there for 5 seconds: more
     * arriving later fails the test, as does never reaching the count.
     */
    private static List<String> settledInbox(String user, int expected) throws Exception {
        MailClient client = mail.client();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptionsInstanceOf(jakarta.mail.MessagingException.class)
                .until(() -> client.count(user, PASS, "INBOX") >= expected);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(jakarta.mail.MessagingException.class)
                .untilAsserted(() -> assertThat(client.count(user, PASS, "INBOX")).as("mails in the INBOX of %s", user).isEqualTo(expected));
        return client.subjects(user, PASS, "INBOX");
    }

    private static byte[] rawMessage(String user, String subjectPart) throws Exception {
        try (Store store = mail.client().imap(user, PASS)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message m : inbox.getMessages()) {
                    String subject = m.getSubject();
                    if (subject != null && subject.contains(subjectPart)) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        m.writeTo(out);
                        return out.toByteArray();
                    }
                }
                return null;
            } finally {
                inbox.close(false);
            }
        }
    }
}
