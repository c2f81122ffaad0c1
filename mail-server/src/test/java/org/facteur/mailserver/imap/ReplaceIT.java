package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.facteur.mailserver.mime.HostileMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * REPLACE and UID REPLACE (RFC 8508) over a real socket: a draft saved again replaces the old version in one command,
 * also into another mailbox; every refusal leaves both mailboxes as they were, with a sentence.
 */
class ReplaceIT {
    private static final String ALICE = MailServerExtension.ALICE;
    private static final String PASSWORD = MailServerExtension.ALICE_PASSWORD;

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static ImapDialogue loggedIn(String user) throws Exception {
        ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1", Duration.ofSeconds(5));
        assertThat(imap.login(user, PASSWORD)).startsWith("OK");
        return imap;
    }

    private static byte[] draft(String subject) {
        return ("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: " + subject + "\r\n\r\ntext of " + subject
                + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String tagged(String reply) {
        return ImapDialogue.lastLineWithoutTag(reply);
    }

    private static void create(ImapDialogue imap, String mailbox, String... subjects) throws Exception {
        assertThat(imap.command("CREATE " + mailbox)).containsPattern("(?m)^c\\d+ OK");
        for (String subject : subjects) {
            assertThat(imap.append(mailbox, "(\\Draft)", draft(subject))).containsPattern("(?m)^c\\d+ OK");
        }
    }

    private static String status(String mailbox) throws Exception {
        try (ImapDialogue other = loggedIn(ALICE)) {
            return other.command("STATUS " + mailbox + " (MESSAGES UIDNEXT)");
        }
    }

    private static String subjects(ImapDialogue imap) throws Exception {
        return imap.command("FETCH 1:* (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
    }

    @Test
    void aDraftSavedAgainReplacesTheOldVersionInTheSelectedMailbox() throws Exception {
        try (ImapDialogue imap = loggedIn(ALICE)) {
            create(imap, "Concepts", "draft v1", "other draft");
            assertThat(imap.command("SELECT Concepts")).contains("* 2 EXISTS");

            String reply = imap.commandWithLiteral("REPLACE 1 Concepts (\\Draft \\Seen) ", draft("draft v2"), "");

            Matcher ready = Pattern.compile("(?m)^\\* OK \\[APPENDUID (\\d+) (\\d+)] Replacement Message ready$").matcher(reply);
            assertThat(ready.find()).as(reply).isTrue();
            assertThat(ready.group(2)).isEqualTo("3");
            assertThat(reply).as(reply).containsSubsequence("[APPENDUID ", "* 3 EXISTS", "* 1 EXPUNGE", " OK REPLACE");
            assertThat(tagged(reply)).isEqualTo("OK REPLACE completed.");

            String fetch = imap.command("FETCH 1:* (UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            assertThat(fetch).as(fetch).doesNotContain("draft v1").contains("other draft").contains("draft v2")
                    .containsPattern("\\* 2 FETCH \\(FLAGS \\(\\\\Draft \\\\Recent \\\\Seen\\) UID 3 ")
                    .doesNotContain("* 3 FETCH");
            assertThat(status("Concepts")).contains("MESSAGES 2").contains("UIDNEXT 4");
        }
    }

    @Test
    void uidReplaceWithANonSynchronizingLiteralPutsTheNewVersionInAnotherMailbox() throws Exception {
        try (ImapDialogue imap = loggedIn(ALICE)) {
            create(imap, "Outbox", "to send");
            create(imap, "Envoyes");
            assertThat(imap.command("SELECT Outbox")).contains("* 1 EXISTS");
            String uid = uidOf(imap.command("FETCH 1 (UID)"));

            byte[] sent = draft("as sent");
            String tag = imap.nextTag();
            ByteArrayOutputStream command = new ByteArrayOutputStream();
            command.write((tag + " UID REPLACE " + uid + " Envoyes (\\Seen) {" + sent.length + "+}\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            command.write(sent);
            command.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            imap.write(command.toByteArray());
            String reply = imap.readUntil(tag + " ");

            assertThat(reply).as(reply).containsPattern("(?m)^\\* OK \\[APPENDUID \\d+ 1] Replacement Message ready$")
                    .contains("* 1 EXPUNGE").doesNotContain("EXISTS").doesNotContain("+ ")
                    .contains(tag + " OK REPLACE completed.");
            assertThat(imap.command("NOOP")).doesNotContain("EXISTS");
            assertThat(status("Outbox")).contains("MESSAGES 0");
            assertThat(status("Envoyes")).contains("MESSAGES 1");
            assertThat(imap.command("SELECT Envoyes")).contains("* 1 EXISTS");
            assertThat(imap.command("FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
                    .contains("as sent").contains("\\Seen");
        }
    }

    @Test
    void starNamesTheLastMessage() throws Exception {
        try (ImapDialogue imap = loggedIn(ALICE)) {
            create(imap, "Stars", "first", "last");
            assertThat(imap.command("SELECT Stars")).contains("* 2 EXISTS");

            assertThat(tagged(imap.commandWithLiteral("REPLACE * Stars ", draft("last again"), "")))
                    .isEqualTo("OK REPLACE completed.");
            assertThat(tagged(imap.commandWithLiteral("UID REPLACE * Stars ", draft("last once more"), "")))
                    .isEqualTo("OK REPLACE completed.");

            String subjects = subjects(imap);
            assertThat(subjects).as(subjects).contains("first").contains("last once more")
                    .doesNotContain("last again").doesNotContain("Subject: last\r");
            assertThat(status("Stars")).contains("MESSAGES 2");
        }
    }

    @Test
    void aMessageTheSessionDoesNotKnowIsRefusedAndNothingIsStored() throws Exception {
        try (ImapDialogue imap = loggedIn(ALICE)) {
            create(imap, "Unknown", "only");
            create(imap, "Empty");
            assertThat(imap.command("SELECT Unknown")).contains("* 1 EXISTS");

            assertThat(tagged(imap.commandWithLiteral("REPLACE 2 Unknown ", draft("x"), "")))
                    .isEqualTo("NO REPLACE failed: the selected mailbox has no message 2; nothing was changed");
            assertThat(tagged(imap.commandWithLiteral("UID REPLACE 999 Unknown ", draft("x"), "")))
                    .isEqualTo("NO REPLACE failed: no message of the selected mailbox has UID 999; nothing was changed");
            assertThat(imap.command("SELECT Empty")).contains("* 0 EXISTS");
            assertThat(tagged(imap.commandWithLiteral("REPLACE * Unknown ", draft("x"), "")))
                    .isEqualTo("NO REPLACE failed: the selected mailbox is empty; nothing was changed");
            assertThat(tagged(imap.commandWithLiteral("REPLACE 0 Unknown ", draft("x"), "")))
                    .as("the command's name once: James writes it before the sentence")
                    .startsWith("BAD REPLACE expects the number of the message to replace (1 to 4294967295, or *)");

            assertThat(status("Unknown")).contains("MESSAGES 1").contains("UIDNEXT 2");
            assertThat(status("Empty")).contains("MESSAGES 0").contains("UIDNEXT 1");
            assertThat(imap.command("NOOP")).containsPattern("(?m)^c\\d+ OK");
        }
    }

    @Test
    void aMissingMailboxAnswersTryCreateAndTheOldVersionStays() throws Exception {
        try (ImapDialogue imap = loggedIn(ALICE)) {
            create(imap, "Kept", "kept draft");
            assertThat(imap.command("SELECT Kept")).contains("* 1 EXISTS");

            String reply = imap.commandWithLiteral("REPLACE 1 Nowhere ", draft("lost?"), "");

            assertThat(tagged(reply)).as(reply).startsWith("NO [TRYCREATE]");
            assertThat(reply).doesNotContain("EXPUNGE");
            assertThat(subjects(imap)).contains("kept draft");
            assertThat(status("Kept")).contains("MESSAGES 1");
        }
    }

    @Test
    void aMailboxOpenedByExamineIsLeftAsItIs() throws Exception {
        try (ImapDialogue imap = loggedIn(ALICE)) {
            create(imap, "Examined", "read only");
            assertThat(imap.command("EXAMINE Examined")).contains("[READ-ONLY]");

            assertThat(tagged(imap.commandWithLiteral("REPLACE 1 Examined ", draft("changed"), "")))
                    .isEqualTo("NO REPLACE failed. The mailbox was opened read-only (EXAMINE): SELECT it to change it.");
            assertThat(status("Examined")).contains("MESSAGES 1").contains("UIDNEXT 2");
            assertThat(subjects(imap)).contains("read only");
        }
    }

    @Test
    void aMessageAnotherSessionExpungedIsNotReplacedAndItsExpungeIsSent() throws Exception {
        try (ImapDialogue imap = loggedIn(ALICE); ImapDialogue other = loggedIn(ALICE)) {
            create(imap, "Raced", "gone", "stays");
            assertThat(imap.command("SELECT Raced")).contains("* 2 EXISTS");
            assertThat(other.command("SELECT Raced")).contains("* 2 EXISTS");
            assertThat(other.command("STORE 1 +FLAGS (\\Deleted)")).containsPattern("(?m)^c\\d+ OK");
            assertThat(other.command("EXPUNGE")).contains("* 1 EXPUNGE");

            String reply = imap.commandWithLiteral("REPLACE 1 Raced ", draft("replacement"), "");

            assertThat(reply).as(reply).contains("* 1 EXPUNGE");
            assertThat(tagged(reply)).isEqualTo(
                    "NO REPLACE failed: the message to replace has been expunged; nothing was changed");
            assertThat(status("Raced")).contains("MESSAGES 1").contains("UIDNEXT 3");
        }
    }

    @Test
    void aSessionWatchingTheMailboxSeesTheOldVersionGoAndTheNewOneCome() throws Exception {
        try (ImapDialogue imap = loggedIn(ALICE); ImapDialogue watcher = loggedIn(ALICE)) {
            create(imap, "Watched", "v1");
            assertThat(watcher.command("SELECT Watched")).contains("* 1 EXISTS");
            assertThat(imap.command("SELECT Watched")).contains("* 1 EXISTS");

            assertThat(tagged(imap.commandWithLiteral("REPLACE 1 Watched ", draft("v2"), "")))
                    .isEqualTo("OK REPLACE completed.");

            String noop = watcher.command("NOOP");
            assertThat(noop).as(noop).contains("* 1 EXPUNGE").contains("EXISTS");
            assertThat(subjects(watcher)).contains("v2").doesNotContain("v1");
        }
    }

    @Test
    void atAMessageCountQuotaTheOldVersionStaysAndTheAnswerSaysWhy() throws Exception {
        String frank = "frank@example.org";
        mail.server().admin().addUser(frank, PASSWORD);
        try (ImapDialogue imap = loggedIn(frank)) {
            create(imap, "Notes", "one", "two");
            mail.server().admin().setQuota(frank, Optional.empty(), Optional.of(2L));
            assertThat(imap.command("SELECT Notes")).contains("* 2 EXISTS");

            String reply = imap.commandWithLiteral("REPLACE 1 Notes ", draft("one again"), "");

            assertThat(tagged(reply)).as(reply).startsWith("NO [OVERQUOTA]").contains("nothing was changed");
            assertThat(subjects(imap)).contains("Subject: one").contains("two").doesNotContain("one again");
        }
    }

    @Test
    void aMessageBeyondTheMimeLimitsIsRefusedAndTheOldVersionStays() throws Exception {
        try (ImapDialogue imap = loggedIn(ALICE)) {
            create(imap, "Deep", "shallow");
            assertThat(imap.command("SELECT Deep")).contains("* 1 EXISTS");

            String reply = imap.commandWithLiteral("REPLACE 1 Deep ",
                    HostileMessages.deepMultipart("bob@example.org", ALICE, 60), "");

            assertThat(tagged(reply)).as(reply).startsWith("NO REPLACE refused: ").contains("levels deep")
                    .endsWith("nothing was changed");
            assertThat(status("Deep")).contains("MESSAGES 1").contains("UIDNEXT 2");
            assertThat(subjects(imap)).contains("shallow");
        }
    }

    @Test
    void recentAsAFlagIsRefusedOnceTheLiteralIsReadAndNothingIsStored() throws Exception {
        try (ImapDialogue imap = loggedIn(ALICE)) {
            create(imap, "Flagged", "draft");
            assertThat(imap.command("SELECT Flagged")).contains("* 1 EXISTS");
            byte[] injected = "w CREATE InjectedByFlag\r\n".getBytes(StandardCharsets.US_ASCII);
            String tag = imap.nextTag();
            ByteArrayOutputStream command = new ByteArrayOutputStream();
            command.write((tag + " REPLACE 1 Flagged (\\Recent) {" + injected.length + "+}\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            command.write(injected);
            command.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            imap.write(command.toByteArray());

            String reply = imap.readUntil(tag + " ");
            assertThat(reply).as(reply).containsPattern(tag + " BAD .*\\\\Recent").doesNotContain("w OK");
            assertThat(imap.command("LIST \"\" InjectedByFlag")).doesNotContain("* LIST");
            assertThat(status("Flagged")).contains("MESSAGES 1").contains("UIDNEXT 2");
        }
    }

    @Test
    void beforeSelectReplaceIsRefusedAndItsLiteralIsNotReadAsCommands() throws Exception {
        try (ImapDialogue imap = loggedIn(ALICE)) {
            create(imap, "NotSelected", "draft");
            byte[] injected = "w CREATE Injected\r\n".getBytes(StandardCharsets.US_ASCII);
            String tag = imap.nextTag();
            ByteArrayOutputStream command = new ByteArrayOutputStream();
            command.write((tag + " REPLACE 1 NotSelected {" + injected.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
            command.write(injected);
            command.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            imap.write(command.toByteArray());

            assertThat(imap.readUntil(tag + " ")).contains(tag + " NO ");
            assertThat(imap.command("LIST \"\" Injected")).doesNotContain("* LIST");
        }
    }

    @Test
    void capabilityAnnouncesReplace() throws Exception {
        try (ImapDialogue imap = loggedIn(ALICE)) {
            assertThat(imap.command("CAPABILITY")).containsPattern("(?m)^\\* CAPABILITY .* REPLACE( |$)");
        }
    }

    private static String uidOf(String fetch) {
        Matcher uid = Pattern.compile("UID (\\d+)").matcher(fetch);
        assertThat(uid.find()).as(fetch).isTrue();
        return uid.group(1);
    }
}
