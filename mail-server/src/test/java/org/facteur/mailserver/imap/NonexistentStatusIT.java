package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.LogCapture;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;

/**
 * STATUS of a mailbox that does not exist, or no longer does (deleted by another client while still subscribed), gets
 * {@code NO [NONEXISTENT]} as RFC 5530 and Dovecot answer; James 3.8.1 answered a bare "NO STATUS failed", which a
 * client cannot tell from a server error.
 */
class NonexistentStatusIT {
    private static final String ALICE = "alice@example.org";
    private static final String PASSWORD = "S3cret-pass";

    @TempDir
    Path data;

    @Test
    void aMissingMailboxIsNamedAsSuchAndOthersStillAnswer() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings);
             ImapDialogue alice = ImapDialogue.asNewUser(server, settings, ALICE, PASSWORD);
             ImapDialogue otherClient = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
            try (LogCapture log = LogCapture.capture()) {
                assertThat(alice.command("STATUS Nowhere (MESSAGES UNSEEN)"))
                        .containsPattern("(?m)^c\\d+ NO \\[NONEXISTENT\\] STATUS failed\\. No such mailbox\\.")
                        .doesNotContain("* STATUS");
                // a client's out-of-date folder list is not a server fault: James logged an ERROR with a stack trace
                assertThat(log.stackTraces()).isEmpty();
                assertThat(log.events()).noneMatch(e -> e.getLevel() == Level.ERROR);
            }

            assertThat(alice.command("CREATE Projects")).contains(" OK ");
            assertThat(alice.command("SUBSCRIBE Projects")).contains(" OK ");
            assertThat(alice.append("Projects", "Subject: plan\r\n\r\nHi\r\n".getBytes(StandardCharsets.US_ASCII)))
                    .contains(" OK ");
            assertThat(alice.command("STATUS Projects (MESSAGES UNSEEN)"))
                    .contains("* STATUS \"Projects\" (MESSAGES 1 UNSEEN 1)").containsPattern("(?m)^c\\d+ OK ");

            assertThat(otherClient.login(ALICE, PASSWORD)).startsWith("OK");
            assertThat(otherClient.command("DELETE Projects")).contains(" OK ");
            assertThat(alice.command("LSUB \"\" \"*\"")).as("still subscribed").contains("Projects");
            assertThat(alice.command("STATUS Projects (MESSAGES)"))
                    .containsPattern("(?m)^c\\d+ NO \\[NONEXISTENT\\] STATUS failed\\. No such mailbox\\.");
            assertThat(alice.command("STATUS INBOX (MESSAGES UIDNEXT)")).contains("* STATUS \"INBOX\" (MESSAGES 0 UIDNEXT 1)")
                    .containsPattern("(?m)^c\\d+ OK ");
        }
    }
}
