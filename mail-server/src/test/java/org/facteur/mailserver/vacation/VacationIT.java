package org.facteur.mailserver.vacation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;

import jakarta.mail.Folder;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Away messages end to end: set over IMAP METADATA as the webmail does, answered by the server. */
class VacationIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    static final String ALICE = MailServerExtension.ALICE;
    static final String ALICE_PASSWORD = MailServerExtension.ALICE_PASSWORD;
    static final String BOB = "bob@example.org";
    static final String BOB_PASSWORD = "B0b-password";
    static final String DAVE = "dave@example.org";
    static final String DAVE_PASSWORD = "D4ve-password";
    static final String ERIN = "erin@example.org";
    static final String ERIN_PASSWORD = "Er1n-password";

    static MailClient client;

    @BeforeAll
    static void users() throws Exception {
        mail.server().admin().addUser(BOB, BOB_PASSWORD);
        mail.server().admin().addUser(DAVE, DAVE_PASSWORD);
        mail.server().admin().addUser(ERIN, ERIN_PASSWORD);
        client = mail.client();
    }

    /** SETMETADATA INBOX (entry value), the way the webmail stores the away message. */
    static void setVacation(String user, String password, String value) throws Exception {
        try (Store store = client.imap(user, password)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.doCommand(protocol -> {
                Argument entry = new Argument();
                entry.writeAtom(Vacation.ENTRY);
                entry.writeString(value, StandardCharsets.UTF_8);
                Argument args = new Argument();
                args.writeString("INBOX");
                args.writeArgument(entry);
                Response[] r = protocol.command("SETMETADATA", args);
                protocol.notifyResponseHandlers(r);
                protocol.handleResult(r[r.length - 1]);
                return null;
            });
        }
    }

    @Test
    void anAwayMemberAnswersEachSenderOnceAndNeverListsOrRobots() throws Exception {
        setVacation(ALICE, ALICE_PASSWORD, new Vacation(true, null, null, "Absente jusqu'au 30", "Bonjour,\nje suis en congé.\n\nAlice").format());

        MimeMessage question = client.message(BOB, ALICE, "Question 1", "Tu es là ?");
        client.submit(BOB, BOB_PASSWORD, question);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.subjects(BOB, BOB_PASSWORD, "INBOX").contains("Absente jusqu'au 30"));
        MimeMessage reply = received(BOB, BOB_PASSWORD, "Absente jusqu'au 30");
        assertThat(reply.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(question.getMessageID());
        assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo(ALICE);
        assertThat(reply.getContent().toString().replace("\r\n", "\n")).isEqualTo("Bonjour,\nje suis en congé.\n\nAlice");

        // a second message from bob the same week: delivered, not answered again
        client.submit(BOB, BOB_PASSWORD, client.message(BOB, ALICE, "Question 2", "Encore moi"));
        // list mail, bulk mail and a copy where alice is only in Bcc: delivered, never answered
        MimeMessage list = client.message(DAVE, ALICE, "Newsletter", "news");
        list.setHeader("List-Id", "<news.example.org>");
        client.submit(DAVE, DAVE_PASSWORD, list);
        MimeMessage bulk = client.message(DAVE, ALICE, "Bulk", "offer");
        bulk.setHeader("Precedence", "bulk");
        client.submit(DAVE, DAVE_PASSWORD, bulk);
        MimeMessage bcc = client.message(DAVE, ERIN, "Bcc copy", "alice in bcc");
        bcc.setRecipients(jakarta.mail.Message.RecipientType.BCC, ALICE);
        client.submit(DAVE, DAVE_PASSWORD, bcc);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.subjects(ALICE, ALICE_PASSWORD, "INBOX")
                .containsAll(java.util.List.of("Question 2", "Newsletter", "Bulk", "Bcc copy")));
        // then a direct message from dave is answered: the rules above, not a broken mailet, kept him waiting
        client.submit(DAVE, DAVE_PASSWORD, client.message(DAVE, ALICE, "Direct", "hello"));
        await().atMost(Duration.ofSeconds(30)).until(() -> client.subjects(DAVE, DAVE_PASSWORD, "INBOX").contains("Absente jusqu'au 30"));
        assertThat(client.subjects(DAVE, DAVE_PASSWORD, "INBOX")).containsOnlyOnce("Absente jusqu'au 30");
        assertThat(client.subjects(BOB, BOB_PASSWORD, "INBOX")).containsOnlyOnce("Absente jusqu'au 30");
    }

    @Test
    void aFinishedOrSwitchedOffAwayMessageAnswersNothing() throws Exception {
        setVacation(ERIN, ERIN_PASSWORD, "enabled=true\nend=" + LocalDate.now().minusDays(1) + "\nsubject=Old away\nbody=gone\n");
        client.submit(BOB, BOB_PASSWORD, client.message(BOB, ERIN, "To erin 1", "hi"));
        setVacation(DAVE, DAVE_PASSWORD, "enabled=false\nsubject=Dave away\nbody=gone\n");
        client.submit(BOB, BOB_PASSWORD, client.message(BOB, DAVE, "To dave 1", "hi"));
        await().atMost(Duration.ofSeconds(30)).until(() -> client.subjects(ERIN, ERIN_PASSWORD, "INBOX").contains("To erin 1")
                && client.subjects(DAVE, DAVE_PASSWORD, "INBOX").contains("To dave 1"));
        // switched on now: the next message is answered, which shows the earlier silence was the setting
        setVacation(DAVE, DAVE_PASSWORD, "enabled=true\nsubject=Dave away\nbody=gone\n");
        client.submit(BOB, BOB_PASSWORD, client.message(BOB, DAVE, "To dave 2", "hi"));
        await().atMost(Duration.ofSeconds(30)).until(() -> client.subjects(BOB, BOB_PASSWORD, "INBOX").contains("Dave away"));
        assertThat(client.subjects(BOB, BOB_PASSWORD, "INBOX")).doesNotContain("Old away");
    }

    private static MimeMessage received(String user, String password, String subject) throws Exception {
        try (Store store = client.imap(user, password)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (int i = inbox.getMessageCount(); i >= 1; i--) {
                if (subject.equals(inbox.getMessage(i).getSubject())) {
                    MimeMessage copy = new MimeMessage((MimeMessage) inbox.getMessage(i));
                    inbox.close(false);
                    return copy;
                }
            }
            throw new AssertionError("no " + subject + " for " + user);
        }
    }
}
