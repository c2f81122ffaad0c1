package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RENAME of a mailbox under itself is refused with {@code NO [CANNOT]}, and RENAME of INBOX moves its messages to
 * the new mailbox, leaving INBOX (empty, same UIDVALIDITY) and the mailboxes under it as they were (RFC 3501
 * §6.3.5). James 3.8.1 renamed the mailbox twice: {@code RENAME P P.Q} put P's messages in {@code P.Q.Q}, and
 * {@code RENAME INBOX INBOX.Old} put INBOX's in {@code INBOX.Old.Old} and moved {@code INBOX.Kid} too.
 */
class RenameHierarchyIT {
    private static final String ALICE = "alice@example.org";
    private static final String PASSWORD = "S3cret-pass";

    @TempDir
    Path data;

    @Test
    void aMailboxCannotGoUnderItselfAndInboxKeepsItsChildren() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings);
             ImapDialogue alice = ImapDialogue.asNewUser(server, settings, ALICE, PASSWORD)) {
            assertThat(alice.command("CREATE P.C")).contains(" OK ");
            assertThat(alice.append("P", message("in P"))).contains(" OK ");
            assertThat(alice.append("P.C", message("in P.C"))).contains(" OK ");
            assertThat(alice.command("RENAME P P.Q")).containsPattern(
                    "(?m)^c\\d+ NO \\[CANNOT\\] RENAME failed\\. A mailbox cannot be moved under itself\\.");
            assertThat(alice.command("STATUS P (MESSAGES)")).contains("(MESSAGES 1)");
            assertThat(alice.command("STATUS P.C (MESSAGES)")).contains("(MESSAGES 1)");
            assertThat(alice.command("RENAME P Pa")).as("a name that only starts alike is not under it")
                    .containsPattern("(?m)^c\\d+ OK ");
            assertThat(alice.command("STATUS Pa.C (MESSAGES)")).contains("(MESSAGES 1)");

            assertThat(alice.command("CREATE INBOX.Kid")).contains(" OK ");
            assertThat(alice.append("INBOX.Kid", message("in the kid"))).contains(" OK ");
            assertThat(alice.append("INBOX", message("first"))).contains(" OK ");
            assertThat(alice.append("INBOX", message("second"))).contains(" OK ");
            String before = alice.command("STATUS INBOX (UIDVALIDITY)").replaceAll("(?s).*UIDVALIDITY (\\d+).*", "$1");
            assertThat(alice.command("SELECT INBOX")).contains("* 2 EXISTS");
            assertThat(alice.command("RENAME INBOX INBOX.Old")).containsPattern("(?s)\\* 1 EXPUNGE.*\\* 1 EXPUNGE")
                    .containsPattern("(?m)^c\\d+ OK ");
            assertThat(alice.append("INBOX", message("third")) + alice.command("NOOP")).as("INBOX is still the one selected")
                    .contains("* 1 EXISTS");
            assertThat(alice.command("STATUS INBOX (MESSAGES UIDVALIDITY)"))
                    .contains("(MESSAGES 1 UIDVALIDITY " + before + ")");
            assertThat(alice.command("STATUS INBOX.Old (MESSAGES)")).contains("(MESSAGES 2)");
            assertThat(alice.command("STATUS INBOX.Kid (MESSAGES)")).contains("(MESSAGES 1)");
            assertThat(alice.command("LIST \"\" \"*\"")).doesNotContain("INBOX.Old.Old", "INBOX.Old.Kid");
            assertThat(alice.command("RENAME INBOX Pa")).containsPattern("(?m)^c\\d+ NO RENAME failed\\. Mailbox already exists\\.");
            assertThat(alice.command("RENAME INBOX \"\"")).containsPattern("(?m)^c\\d+ NO RENAME failed\\. That name is empty");
            assertThat(alice.command("RENAME INBOX \"INBOX.\"")).containsPattern("(?m)^c\\d+ NO RENAME failed\\. Mailbox already exists\\.");
            assertThat(alice.command("RENAME INBOX Third.")).as("a trailing '.' is dropped, as CREATE drops it")
                    .containsPattern("(?m)^c\\d+ OK ");
            assertThat(alice.command("STATUS Third (MESSAGES)")).contains("(MESSAGES 1)");
            assertThat(alice.command("RENAME INBOX Empty")).containsPattern("(?m)^c\\d+ OK ");
            assertThat(alice.command("STATUS Empty (MESSAGES)")).contains("(MESSAGES 0)");
        }
    }

    private static byte[] message(String subject) {
        return ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
