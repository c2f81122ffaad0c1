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
 * A mailbox name that is not valid modified UTF-7 gets {@code NO} with a sentence (LIST and LSUB: {@code OK}, nothing
 * listed), and the connection goes on
 * (#15.6). James 3.8.1 threw a {@code java.lang.Error} on {@code &} not followed by base64 and {@code -} (imaptest's
 * atoms group: {@code SELECT !#$$&'+,-.0123456789:;<=>?@^_`|[}}) and closed the connection without a word.
 */
class InvalidMailboxNamesIT {
    private static final String ALICE = "alice@example.org";
    private static final String PASSWORD = "S3cret-pass";

    @TempDir
    Path data;

    @Test
    void invalidNamesGetNoOrNothingAndTheSessionGoesOnWhileValidOnesWork() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings)) {
            server.admin().addDomain("example.org");
            server.admin().addUser(ALICE, PASSWORD);
            try (ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
                assertThat(imap.login(ALICE, PASSWORD)).startsWith("OK");
                for (String command : new String[] {
                        "SELECT \"!#$$&'+,-.0123456789:;<=>?@^_`|[}\"", "CREATE \"a&b\"", "STATUS \"&Jjo\" (MESSAGES)",
                        "RENAME INBOX \"&\""}) {
                    String reply = imap.command(command);
                    assertThat(reply).as(command).containsPattern("(?m)^c\\d+ NO [A-Z]+ failed\\. The mailbox name is "
                            + "not valid modified UTF-7");
                    assertThat(imap.command("NOOP")).as("after " + command).contains(" OK NOOP");
                }
                // No mailbox can have such a name: LIST and LSUB find none (as Dovecot answers).
                for (String command : new String[] {"LIST \"&x\" \"*\"", "LIST \"\" \"&x\"", "LSUB \"&\" \"*\"",
                        "LIST \"\" !#$&'+,-.0123456789:;<=>?@^_`|[}%*"}) {
                    String reply = imap.command(command);
                    assertThat(reply).as(command).containsPattern("(?m)^c\\d+ OK ").doesNotContain("* LIST", "* LSUB");
                    assertThat(imap.command("NOOP")).as("after " + command).contains(" OK NOOP");
                }
                // Among several patterns, the invalid one finds nothing and the others what they name.
                String several = imap.command("LIST \"\" (\"&x\" INBOX \"&x%\")");
                assertThat(several).containsPattern("(?m)^c\\d+ OK ").contains("\"INBOX\"");
                assertThat(several.lines().filter(line -> line.startsWith("* LIST")).count()).isEqualTo(1);
                // A tag longer than 32 characters comes back whole, with the command's name (they were cut there, so
                // the client never saw the answer to its command and waited).
                String tag = "t" + "0123456789".repeat(20);
                String after = imap.nextTag();
                imap.write(tag + " CREATE \"&x\"\r\n" + after + " NOOP\r\n");
                assertThat(imap.readUntil(after + " ")).startsWith(tag + " NO CREATE failed. The mailbox name is "
                        + "not valid modified UTF-7");
                // Valid modified UTF-7 still works: "&-" is "&" and "&AOk-" is "é".
                assertThat(imap.command("CREATE \"R&AOk-sultats &- bilans\"")).contains(" OK");
                assertThat(imap.command("LIST \"\" \"R*\"")).contains("\"R&AOk-sultats &- bilans\"");
                assertThat(imap.command("SELECT \"R&AOk-sultats &- bilans\"")).contains(" OK [READ-WRITE]");
            }
        }
    }
}
