package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session whose selected mailbox another session deleted is told with BYE at its next command and closed, unless
 * that command leaves the mailbox. James 3.8.1 answered NOOP with OK and FETCH, STORE and EXPUNGE with a NO that
 * blamed a search or a save, logging an ERROR for each.
 */
class DeletedSelectionIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static ImapDialogue login() throws Exception {
        ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1");
        assertThat(imap.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
        return imap;
    }

    private static void createWithAMessage(ImapDialogue imap, String mailbox) throws Exception {
        assertThat(imap.command("CREATE " + mailbox)).containsPattern("(?m)^c\\d+ OK");
        assertThat(imap.append(mailbox, "Subject: x\r\n\r\nbody\r\n".getBytes())).containsPattern("(?m)^c\\d+ OK");
    }

    @Test
    void theNextCommandGetsByeAndTheConnectionCloses() throws Exception {
        try (ImapDialogue watcher = login(); ImapDialogue other = login()) {
            createWithAMessage(watcher, "Gone1");
            assertThat(watcher.command("SELECT Gone1")).contains("* 1 EXISTS");
            assertThat(other.command("DELETE Gone1")).containsPattern("(?m)^c\\d+ OK");

            assertThat(watcher.command("NOOP")).isEqualTo("* BYE Selected mailbox has been deleted\n(closed)");
            assertThat(other.command("NOOP")).containsPattern("(?m)^c\\d+ OK");
        }
    }

    @Test
    void aFetchInAMailboxOpenedByExamineGetsByeToo() throws Exception {
        try (ImapDialogue watcher = login(); ImapDialogue other = login()) {
            createWithAMessage(watcher, "Gone2");
            assertThat(watcher.command("EXAMINE Gone2")).contains("* 1 EXISTS");
            assertThat(other.command("DELETE Gone2")).containsPattern("(?m)^c\\d+ OK");

            assertThat(watcher.command("FETCH 1 (FLAGS)")).startsWith("* BYE Selected mailbox has been deleted\n")
                    .endsWith("(closed)").doesNotContain("FETCH failed");
        }
    }

    /** IDLE passes the deletion's event on and James's view then forgets it; the BYE still comes after DONE. */
    @Test
    void aDeletionDuringIdleGetsByeAtTheCommandAfterDone() throws Exception {
        try (ImapDialogue watcher = login(); ImapDialogue other = login()) {
            createWithAMessage(watcher, "Gone5");
            assertThat(watcher.command("SELECT Gone5")).contains("* 1 EXISTS");
            String idle = watcher.nextTag();
            watcher.write(idle + " IDLE\r\n");
            assertThat(watcher.readUntil("+")).startsWith("+");
            assertThat(other.command("DELETE Gone5")).containsPattern("(?m)^c\\d+ OK");
            assertThat(other.command("NOOP")).containsPattern("(?m)^c\\d+ OK");

            watcher.write("DONE\r\n");
            assertThat(watcher.readUntil(idle + " ")).containsPattern("(?m)^" + idle + " OK");
            assertThat(watcher.command("NOOP")).isEqualTo("* BYE Selected mailbox has been deleted\n(closed)");
        }
    }

    @Test
    void selectingAnotherMailboxLeavesTheDeletedOneWithoutBye() throws Exception {
        try (ImapDialogue watcher = login(); ImapDialogue other = login()) {
            createWithAMessage(watcher, "Gone3");
            assertThat(watcher.command("SELECT Gone3")).contains("* 1 EXISTS");
            assertThat(other.command("DELETE Gone3")).containsPattern("(?m)^c\\d+ OK");

            assertThat(watcher.command("SELECT INBOX")).containsPattern("(?m)^c\\d+ OK \\[READ-WRITE]");
            assertThat(watcher.command("NOOP")).containsPattern("(?m)^c\\d+ OK").doesNotContain("BYE");
        }
    }

    @Test
    void aSessionThatDeletesItsOwnSelectedMailboxGoesOn() throws Exception {
        try (ImapDialogue imap = login()) {
            createWithAMessage(imap, "Gone4");
            assertThat(imap.command("SELECT Gone4")).contains("* 1 EXISTS");
            assertThat(imap.command("DELETE Gone4")).containsPattern("(?m)^c\\d+ OK");
            assertThat(imap.command("NOOP")).containsPattern("(?m)^c\\d+ OK").doesNotContain("BYE");
        }
    }
}
