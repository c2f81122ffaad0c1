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

    private static void createWithAMessage(ImapDialogue imap, String mailbox) throws Exception {
        assertThat(imap.command("CREATE " + mailbox)).containsPattern("(?m)^c\\d+ OK");
        assertThat(imap.append(mailbox, "Subject: x\r\n\r\nbody\r\n".getBytes())).containsPattern("(?m)^c\\d+ OK");
    }

    /** {@code opening} (SELECT or EXAMINE) a new mailbox with one message in {@code watcher}, then DELETE by {@code other}. */
    private static void openedThenDeletedElsewhere(ImapDialogue watcher, String opening, ImapDialogue other, String mailbox)
            throws Exception {
        createWithAMessage(watcher, mailbox);
        assertThat(watcher.command(opening + " " + mailbox)).contains("* 1 EXISTS");
        assertThat(other.command("DELETE " + mailbox)).containsPattern("(?m)^c\\d+ OK");
    }

    @Test
    void theNextCommandGetsByeAndTheConnectionCloses() throws Exception {
        try (ImapDialogue watcher = mail.aliceOverImap(); ImapDialogue other = mail.aliceOverImap()) {
            openedThenDeletedElsewhere(watcher, "SELECT", other, "Gone1");

            assertThat(watcher.command("NOOP")).isEqualTo("* BYE Selected mailbox has been deleted\n(closed)");
            assertThat(other.command("NOOP")).containsPattern("(?m)^c\\d+ OK");
        }
    }

    @Test
    void aFetchInAMailboxOpenedByExamineGetsByeToo() throws Exception {
        try (ImapDialogue watcher = mail.aliceOverImap(); ImapDialogue other = mail.aliceOverImap()) {
            openedThenDeletedElsewhere(watcher, "EXAMINE", other, "Gone2");

            assertThat(watcher.command("FETCH 1 (FLAGS)")).startsWith("* BYE Selected mailbox has been deleted\n")
                    .endsWith("(closed)").doesNotContain("FETCH failed");
        }
    }

    /** In IDLE the BYE comes as soon as the deletion does, without waiting for DONE, and the connection closes. */
    @Test
    void aDeletionDuringIdleGetsByeAtOnceAndTheConnectionCloses() throws Exception {
        try (ImapDialogue watcher = mail.aliceOverImap(); ImapDialogue other = mail.aliceOverImap()) {
            createWithAMessage(watcher, "Gone5");
            assertThat(watcher.command("SELECT Gone5")).contains("* 1 EXISTS");
            String idle = watcher.nextTag();
            watcher.write(idle + " IDLE\r\n");
            assertThat(watcher.readUntil("+")).startsWith("+");
            assertThat(other.command("DELETE Gone5")).containsPattern("(?m)^c\\d+ OK");

            assertThat(watcher.readUntil("* BYE")).endsWith("* BYE Selected mailbox has been deleted\n");
            assertThat(watcher.readUntil(idle)).as("nothing more: the connection is closed").isEqualTo("(closed)");
            assertThat(other.command("NOOP")).containsPattern("(?m)^c\\d+ OK");
        }
    }

    @Test
    void selectingAnotherMailboxLeavesTheDeletedOneWithoutBye() throws Exception {
        try (ImapDialogue watcher = mail.aliceOverImap(); ImapDialogue other = mail.aliceOverImap()) {
            openedThenDeletedElsewhere(watcher, "SELECT", other, "Gone3");

            assertThat(watcher.command("SELECT INBOX")).containsPattern("(?m)^c\\d+ OK \\[READ-WRITE]");
            assertThat(watcher.command("NOOP")).containsPattern("(?m)^c\\d+ OK").doesNotContain("BYE");
        }
    }

    @Test
    void aSessionThatDeletesItsOwnSelectedMailboxGoesOn() throws Exception {
        try (ImapDialogue imap = mail.aliceOverImap()) {
            createWithAMessage(imap, "Gone4");
            assertThat(imap.command("SELECT Gone4")).contains("* 1 EXISTS");
            assertThat(imap.command("DELETE Gone4")).containsPattern("(?m)^c\\d+ OK");
            assertThat(imap.command("NOOP")).containsPattern("(?m)^c\\d+ OK").doesNotContain("BYE");
        }
    }
}
