package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.LogCapture;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every CREATE gets an answer that says what is wrong with the name, and the session goes on. James 3.8.1 sent
 * nothing at all to {@code CREATE "#private"} (the client waited forever), and "processing failed" with a stack
 * trace in the log to a name with an empty level or a forbidden character; RENAME to such a name too.
 */
class CreateAnswersIT {
    private static final String ALICE = "alice@example.org";
    private static final String PASSWORD = "S3cret-pass";

    @TempDir
    Path data;

    @Test
    void namesThatCannotBeCreatedGetNoWithTheReason() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings)) {
            server.admin().addDomain("example.org");
            server.admin().addUser(ALICE, PASSWORD);
            // A read timeout, so that a CREATE left unanswered fails the test instead of hanging it.
            try (ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1", Duration.ofSeconds(10))) {
                assertThat(imap.login(ALICE, PASSWORD)).startsWith("OK");
                Map<String, String> refusals = Map.of(
                        "\"#private\"", "empty once its namespace prefix is taken off",
                        "\"#private.\"", "empty once its namespace prefix is taken off",
                        "\"a..b\"", "cannot have an empty level",
                        "\".a\"", "cannot have an empty level",
                        "\"Projets.\\\"%\\\"\"", "cannot contain '%' or '*'",
                        "\"a*\"", "cannot contain '%' or '*'",
                        "\"#private.#x\"", "nor start with '#'");
                for (Map.Entry<String, String> refusal : refusals.entrySet()) {
                    String reply = imap.command("CREATE " + refusal.getKey());
                    assertThat(reply).as(refusal.getKey()).containsPattern("(?m)^c\\d+ NO CREATE failed\\. ")
                            .contains(refusal.getValue());
                    assertThat(imap.command("NOOP")).as("after " + refusal.getKey()).contains(" OK NOOP");
                }
                // RENAME to such a name: James 3.8.1 answered "processing failed" and logged a stack trace.
                assertThat(imap.command("CREATE Source")).containsPattern("(?m)^c\\d+ OK ");
                try (LogCapture log = LogCapture.capture()) {
                    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
                        String reply = imap.command("RENAME Source " + refusal.getKey());
                        assertThat(reply).as("RENAME " + refusal.getKey())
                                .containsPattern("(?m)^c\\d+ NO RENAME failed\\. ").contains(refusal.getValue());
                    }
                    assertThat(imap.command("RENAME INBOX \"a..b\""))
                            .contains("NO RENAME failed. A mailbox name cannot have an empty level");
                    assertThat(log.stackTraces()).isEmpty();
                }
                assertThat(imap.command("LIST \"\" \"Source\"")).contains("\"Source\"");
                // A trailing '.' declares a parent to be (RFC 3501 §6.3.3): the mailbox is created without it.
                assertThat(imap.command("CREATE \"Projets.\"")).containsPattern("(?m)^c\\d+ OK ");
                String list = imap.command("LIST \"\" \"*\"");
                assertThat(list).contains("\"Projets\"").doesNotContain("Projets.", "\"a\"", "\"b\"", "\"a.b\"", "#",
                        "%", "*\"", "\"\"\n");
            }
        }
    }
}
