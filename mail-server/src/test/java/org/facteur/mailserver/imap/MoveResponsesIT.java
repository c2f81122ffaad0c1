package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

/**
 * MOVE and UID MOVE send COPYUID in an untagged OK before the EXPUNGEs (RFC 6851 §4.3), as Dovecot's imaptest
 * {@code move} expects; COPY keeps it on the tagged OK (RFC 4315). Both name the UIDs copied or moved as the
 * source. A MOVE into the selected mailbox itself answers
 * numbers the session can see: EXPUNGE for the old messages, EXISTS for the new ones, never more RECENT than EXISTS
 * (RFC 3501 §7.3.2, #15.13).
 */
class MoveResponsesIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static final Pattern COPYUID = Pattern.compile("\\[COPYUID (\\d+) ([0-9:,]+) ([0-9:,]+)]");

    @Test
    void moveSendsCopyUidUntaggedBeforeTheExpunges() throws Exception {
        try (ImapDialogue imap = session()) {
            selectWith(imap, "MoveFrom", 3, "MoveTo");

            String move = imap.command("MOVE 2:3 MoveTo");
            assertCopyUidBeforeExpunges(move, "2:3", "1:2");
            assertThat(move.lines().filter(l -> l.matches("\\* [23] EXPUNGE"))).hasSize(2);
            assertThat(last(move)).matches("c\\d+ OK .*").doesNotContain("COPYUID");

            String uidMove = imap.command("UID MOVE 1 MoveTo");
            assertCopyUidBeforeExpunges(uidMove, "1", "3");
            assertThat(uidMove).contains("* 1 EXPUNGE");
            assertThat(last(uidMove)).matches("c\\d+ OK .*").doesNotContain("COPYUID");
            assertThat(imap.command("SELECT MoveTo")).contains("* 3 EXISTS");
        }
    }

    @Test
    void moveWithSequenceNumbersNamesTheUidsInCopyUid() throws Exception {
        try (ImapDialogue imap = session()) {
            selectWith(imap, "Renumbered", 3, "RenumberedTo");
            assertThat(imap.command("UID STORE 1 +FLAGS.SILENT (\\Deleted)")).contains(" OK");
            assertThat(imap.command("EXPUNGE")).contains("* 1 EXPUNGE");

            String move = imap.command("MOVE 1 RenumberedTo");
            assertCopyUidBeforeExpunges(move, "2", "1");
        }
    }

    @Test
    void copyKeepsCopyUidOnTheTaggedOk() throws Exception {
        try (ImapDialogue imap = session()) {
            selectWith(imap, "CopyFrom", 2, "CopyTo");

            String copy = imap.command("UID COPY 1:2 CopyTo");
            assertThat(last(copy)).matches("c\\d+ OK \\[COPYUID \\d+ 1:2 1:2].*");
            assertThat(copy.lines().filter(l -> l.startsWith("* ")).toList()).noneMatch(l -> l.contains("COPYUID"));
            assertThat(last(imap.command("COPY 1 CopyTo"))).matches("c\\d+ OK \\[COPYUID \\d+ 1 3].*");
            // The source set is the UIDs copied (James repeated the command's set: 1:9223372036854775807 here).
            assertThat(last(imap.command("UID COPY 1:* CopyTo"))).matches("c\\d+ OK \\[COPYUID \\d+ 1:2 4:5].*");
            assertThat(imap.command("STORE 1 +FLAGS.SILENT (\\Deleted)")).contains(" OK");
            assertThat(imap.command("EXPUNGE")).contains("* 1 EXPUNGE");
            // Message 1 is now UID 2 (James answered with the sequence number, 1).
            assertThat(last(imap.command("COPY 1 CopyTo"))).matches("c\\d+ OK \\[COPYUID \\d+ 2 6].*");
            assertThat(last(imap.command("COPY 1:* CopyTo"))).matches("c\\d+ OK \\[COPYUID \\d+ 2 7].*");
            String nothing = imap.command("UID COPY 50:60 CopyTo");
            assertThat(last(nothing)).matches("c\\d+ OK .*").doesNotContain("COPYUID");
            assertThat(imap.command("STATUS CopyTo (MESSAGES)")).contains("(MESSAGES 7)");
        }
    }

    @Test
    void moveIntoTheSelectedMailboxRenumbersConsistently() throws Exception {
        try (ImapDialogue imap = session()) {
            fill(imap, "Itself", 2);
            assertThat(imap.command("SELECT Itself")).contains("* 2 EXISTS");

            String move = imap.command("MOVE 1:2 Itself");
            assertCopyUidBeforeExpunges(move, "1:2", "3:4");
            assertConsistent(move, 2);
            assertThat(move).as("the two new messages are the recent ones").contains("* 2 RECENT");

            String uidMove = imap.command("UID MOVE 3:4 Itself");
            assertCopyUidBeforeExpunges(uidMove, "3:4", "5:6");
            assertConsistent(uidMove, 2);

            assertThat(imap.command("NOOP")).doesNotContain("EXISTS").doesNotContain("EXPUNGE");
            String select = imap.command("SELECT Itself");
            assertThat(select).contains("* 2 EXISTS").containsPattern("\\* [0-2] RECENT");
            String fetch = imap.command("FETCH 1:2 (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            assertThat(fetch).contains("* 1 FETCH (UID 5 ").contains("* 2 FETCH (UID 6 ")
                    .contains("Subject: Itself 1").contains("Subject: Itself 2");
            assertThat(last(fetch)).matches("c\\d+ OK .*");
        }
    }

    @Test
    void jakartaMailPairsEachMovedMessageWithItsNewUid() throws Exception {
        try (ImapDialogue imap = session()) {
            fill(imap, "JakartaFrom", 3);
            fill(imap, "JakartaTo", 1);
            assertThat(imap.command("SELECT JakartaFrom")).contains("* 3 EXISTS");
            assertThat(imap.command("UID STORE 1 +FLAGS.SILENT (\\Deleted)")).contains(" OK");
            assertThat(imap.command("EXPUNGE")).contains("* 1 EXPUNGE"); // sequence numbers 1:2 are UIDs 2:3
        }
        try (Store store = mail.client().imap(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)) {
            IMAPFolder from = (IMAPFolder) store.getFolder("JakartaFrom");
            IMAPFolder to = (IMAPFolder) store.getFolder("JakartaTo");
            from.open(Folder.READ_WRITE);
            Message[] messages = from.getMessages();
            assertThat(messages).extracting(from::getUID).containsExactly(2L, 3L);

            AppendUID[] moved = from.moveUIDMessages(messages, to);

            assertThat(moved).hasSize(2).doesNotContainNull();
            assertThat(moved).extracting(u -> u.uid).containsExactly(2L, 3L);
            assertThat(moved).extracting(u -> u.uidvalidity).containsOnly(to.getUIDValidity());
            from.close(false);
            to.open(Folder.READ_ONLY);
            assertThat(to.getMessageByUID(3).getSubject()).isEqualTo("JakartaFrom 3");
            to.close(false);
            from.open(Folder.READ_ONLY);
            assertThat(from.getMessageCount()).isZero();
            from.close(false);
        }
    }

    private static void assertCopyUidBeforeExpunges(String reply, String source, String destination) {
        int copyUid = reply.indexOf("* OK [COPYUID ");
        assertThat(copyUid).as("an untagged COPYUID in %s", reply).isNotNegative();
        int expunge = reply.indexOf(" EXPUNGE\n");
        assertThat(expunge).as("an EXPUNGE in %s", reply).isNotNegative();
        assertThat(copyUid).as("COPYUID before the first EXPUNGE in %s", reply).isLessThan(expunge);
        Matcher code = COPYUID.matcher(reply.substring(copyUid));
        assertThat(code.find()).isTrue();
        assertThat(code.group(2)).as("source UIDs").isEqualTo(source);
        assertThat(code.group(3)).as("destination UIDs").isEqualTo(destination);
    }

    /** The session had {@code count} messages and still has: each EXPUNGE and EXISTS as it goes, RECENT within EXISTS. */
    private static void assertConsistent(String reply, int count) {
        long seen = count;
        long expunges = 0;
        for (String line : reply.lines().toList()) {
            Matcher expunge = Pattern.compile("\\* (\\d+) EXPUNGE").matcher(line);
            Matcher exists = Pattern.compile("\\* (\\d+) EXISTS").matcher(line);
            Matcher recent = Pattern.compile("\\* (\\d+) RECENT").matcher(line);
            if (expunge.matches()) {
                assertThat(Long.parseLong(expunge.group(1))).as("EXPUNGE within the view in %s", reply).isBetween(1L, seen);
                seen--;
                expunges++;
            } else if (exists.matches()) {
                assertThat(Long.parseLong(exists.group(1))).as("EXISTS never shrinks in %s", reply).isGreaterThanOrEqualTo(seen);
                seen = Long.parseLong(exists.group(1));
            } else if (recent.matches()) {
                assertThat(Long.parseLong(recent.group(1))).as("RECENT within EXISTS in %s", reply).isLessThanOrEqualTo(seen);
            }
        }
        assertThat(expunges).as("the old messages expunged in %s", reply).isEqualTo(count);
        assertThat(seen).as("the session ends with %d messages in %s", count, reply).isEqualTo(count);
    }

    private static ImapDialogue session() throws Exception {
        ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1");
        assertThat(imap.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
        return imap;
    }

    private static void fill(ImapDialogue imap, String mailbox, int count) throws Exception {
        imap.command("CREATE " + mailbox);
        for (int i = 1; i <= count; i++) {
            byte[] message = ("From: bob@example.net\r\nSubject: " + mailbox + " " + i + "\r\n\r\nHi\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(imap.append(mailbox, "", message)).contains(" OK");
        }
    }

    /** Fills {@code mailbox} with {@code count} messages, creates {@code target} and selects {@code mailbox}. */
    private static void selectWith(ImapDialogue imap, String mailbox, int count, String target) throws Exception {
        fill(imap, mailbox, count);
        assertThat(imap.command("CREATE " + target)).contains(" OK");
        assertThat(imap.command("SELECT " + mailbox)).contains("* " + count + " EXISTS");
    }

    private static String last(String reply) {
        return reply.strip().lines().reduce((a, b) -> b).orElse("");
    }
}
