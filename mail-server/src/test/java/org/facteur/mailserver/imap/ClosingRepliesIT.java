package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last words before the server closes a connection reach the client (#15.5): James 3.8.1 asks to close as
 * soon as its reply is queued, and over TLS the close overtook the reply, so clients saw LOGOUT fail (no
 * {@code * BYE}, no tagged OK) and a bad command end in silence (James's own scripts expect {@code * BYE}).
 */
class ClosingRepliesIT {
    static final String ALICE = "alice@example.org";
    static final String PASSWORD = "S3cret-pass";

    @TempDir
    Path data;

    @Test
    void everyLogoutGetsItsByeAndTaggedOkAndABadLineItsBye() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings)) {
            server.admin().addDomain("example.org");
            server.admin().addUser(ALICE, PASSWORD);
            int complete = 0;
            for (int i = 0; i < 30; i++) {
                try (ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
                    assertThat(imap.login(ALICE, PASSWORD)).startsWith("OK");
                    assertThat(imap.command("SELECT INBOX")).contains(" OK");
                    String logout = imap.command("LOGOUT");
                    if (logout.contains("* BYE") && logout.matches("(?s).*c\\d+ OK [^\\n]*\\n$")) {
                        complete++;
                    }
                }
            }
            assertThat(complete).as("LOGOUTs answered with * BYE and the tagged OK, of 30").isEqualTo(30);

            try (ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
                assertThat(imap.untilClosed("(((")).startsWith("* BYE");
            }
        }
    }
}
