package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.LogCapture;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SETACL and DELETEACL with an identifier that is not a user name, or a user of another domain, get {@code NO} with a
 * sentence and leave no stack trace in the log; James 3.8.1 answered "processing failed" and logged one for each. Real
 * identifiers still work.
 */
class AclIdentifiersIT {
    private static final String ALICE = "alice@example.org";
    private static final String PASSWORD = "S3cret-pass";

    @TempDir
    Path data;

    @Test
    void identifiersThatAreNotUserNamesGetNoAndRealOnesWork() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings);
             ImapDialogue alice = ImapDialogue.asNewUser(server, settings, ALICE, PASSWORD)) {
            try (LogCapture log = LogCapture.capture()) {
                for (String command : List.of("SETACL INBOX \"\" lr", "SETACL INBOX \"bad user@@x\" lr",
                        "SETACL INBOX - lr", "SETACL INBOX $ lr", "SETACL INBOX -$ lr", "DELETEACL INBOX \"@@\"",
                        "DELETEACL INBOX \"\"")) {
                    assertThat(alice.command(command)).as(command)
                            .containsPattern("(?m)^c\\d+ NO [A-Z]+ failed\\. The identifier is not a user name");
                    assertThat(alice.command("NOOP")).as("after " + command).contains(" OK NOOP");
                }
                for (String command : List.of("SETACL INBOX bob lr", "SETACL INBOX carol@other.org lr",
                        "DELETEACL INBOX carol@other.org")) {
                    assertThat(alice.command(command)).as(command).containsPattern(
                            "(?m)^c\\d+ NO [A-Z]+ failed\\. Rights can only be given to members of your own domain");
                }
                assertThat(log.stackTraces()).isEmpty();
            }
            assertThat(alice.command("SETACL INBOX bob@example.org lr")).containsPattern("(?m)^c\\d+ OK ");
            assertThat(alice.command("GETACL INBOX")).contains("\"bob@example.org\" \"lr\"");
            assertThat(alice.command("DELETEACL INBOX bob@example.org")).containsPattern("(?m)^c\\d+ OK ");
            assertThat(alice.command("GETACL INBOX")).doesNotContain("bob@example.org");
        }
    }
}
