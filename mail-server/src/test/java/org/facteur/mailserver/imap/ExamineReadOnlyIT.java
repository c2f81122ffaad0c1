package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mailbox opened by EXAMINE is read-only (RFC 3501 §6.3.2): STORE, EXPUNGE, UID EXPUNGE and MOVE get {@code NO}
 * with a sentence, CLOSE leaves without expunging (§6.4.2), FETCH of BODY[] or BINARY[] does not set \Seen, COPY
 * still copies. James 3.8.1 let all of them change the mailbox: a CLOSE after EXAMINE expunged \Deleted messages.
 * SELECT in the same session makes it writable again.
 */
class ExamineReadOnlyIT {
    private static final String ALICE = "alice@example.org";
    private static final String PASSWORD = "S3cret-pass";
    private static final String REFUSED = " failed. The mailbox was opened read-only (EXAMINE): SELECT it to change it.";

    @TempDir
    Path data;

    @Test
    void nothingAnExaminingSessionDoesChangesTheMailbox() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings);
             ImapDialogue writer = ImapDialogue.asNewUser(server, settings, ALICE, PASSWORD);
             ImapDialogue reader = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
            for (int i = 1; i <= 3; i++) {
                assertThat(writer.append("INBOX", ("Subject: m" + i + "\r\n\r\nbody " + i + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII))).contains(" OK ");
            }
            assertThat(writer.command("SELECT INBOX")).contains("* 3 EXISTS");
            assertThat(writer.command("STORE 1 +FLAGS.SILENT (\\Deleted)")).containsPattern("(?m)^c\\d+ OK ");
            assertThat(writer.command("CREATE Kept")).contains(" OK ");

            assertThat(reader.login(ALICE, PASSWORD)).startsWith("OK");
            assertThat(reader.command("EXAMINE INBOX")).contains("[READ-ONLY]");
            for (String command : new String[] {"STORE 2 +FLAGS (\\Flagged)", "UID STORE 1:* -FLAGS (\\Deleted)",
                    "EXPUNGE", "UID EXPUNGE 1", "MOVE 1 Kept", "UID MOVE 1:* Kept"}) {
                String verb = command.startsWith("UID ") ? command.split(" ")[1] : command.split(" ")[0];
                assertThat(reader.command(command)).as(command).containsPattern("(?m)^c\\d+ NO " + Pattern.quote(verb + REFUSED));
            }
            assertThat(reader.command("SELECT INBOX (QRESYNC (1 1))")).as("QRESYNC not enabled")
                    .containsPattern("(?m)^c\\d+ BAD ");
            assertThat(reader.command("STORE 2 +FLAGS (\\Flagged)")).as("a BAD SELECT leaves the mailbox read-only")
                    .containsPattern("(?m)^c\\d+ NO STORE failed");
            assertThat(reader.command("FETCH 2 (BODY[])")).contains("body 2").doesNotContain("\\Seen");
            assertThat(reader.command("FETCH 3 (BINARY[1])")).contains("body 3").doesNotContain("\\Seen");
            assertThat(reader.command("COPY 3 Kept")).as("COPY changes the target only").containsPattern("(?m)^c\\d+ OK ");
            assertThat(reader.command("CLOSE")).containsPattern("(?m)^c\\d+ OK ");

            assertThat(writer.command("FETCH 1:* (FLAGS)")).contains("* 1 FETCH (FLAGS (\\Deleted")
                    .contains("* 2 FETCH", "* 3 FETCH").doesNotContain("\\Seen", "\\Flagged");
            assertThat(writer.command("STATUS Kept (MESSAGES)")).contains("(MESSAGES 1)");

            assertThat(reader.command("SELECT INBOX")).contains("[READ-WRITE]").contains("* 3 EXISTS");
            assertThat(reader.command("EXAMINE INBOX (QRESYNC (1 1))")).containsPattern("(?m)^c\\d+ BAD ");
            assertThat(reader.command("STORE 2 +FLAGS.SILENT (\\Flagged)")).as("a BAD EXAMINE leaves it writable")
                    .containsPattern("(?m)^c\\d+ OK ");
            assertThat(reader.command("CLOSE")).containsPattern("(?m)^c\\d+ OK ");
            assertThat(writer.command("NOOP")).contains("* 1 EXPUNGE");
            assertThat(writer.command("FETCH 1:* (FLAGS)")).contains("* 1 FETCH (FLAGS (\\Flagged")
                    .contains("* 2 FETCH").doesNotContain("* 3 FETCH", "\\Deleted");
        }
    }
}
