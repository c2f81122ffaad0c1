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
 * DELETE of INBOX is refused with {@code NO [CANNOT]} (RFC 3501 §6.3.4, RFC 5530) and the INBOX keeps its messages;
 * James 3.8.1 deleted it, messages and all, and answered OK. Other mailboxes are still deleted.
 */
class InboxKeptIT {
    private static final String ALICE = "alice@example.org";
    private static final String PASSWORD = "S3cret-pass";
    private static final String REFUSED = "NO \\[CANNOT\\] DELETE failed\\. INBOX cannot be deleted; delete or move its messages instead\\.";

    @TempDir
    Path data;

    @Test
    void inboxIsNeverDeletedAndKeepsItsMessages() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings);
             ImapDialogue alice = ImapDialogue.asNewUser(server, settings, ALICE, PASSWORD)) {
            assertThat(alice.append("INBOX", "Subject: keep me\r\n\r\nHi\r\n".getBytes(StandardCharsets.US_ASCII)))
                    .contains(" OK ");
            String uidValidity = alice.command("STATUS INBOX (UIDVALIDITY)").replaceAll("(?s).*UIDVALIDITY (\\d+).*", "$1");

            assertThat(alice.command("DELETE INBOX")).containsPattern("(?m)^c\\d+ " + REFUSED);
            assertThat(alice.command("DELETE inbox")).containsPattern("(?m)^c\\d+ " + REFUSED);
            assertThat(alice.command("SELECT INBOX")).contains("* 1 EXISTS").containsPattern("(?m)^c\\d+ OK ");
            assertThat(alice.command("DELETE INBOX")).as("selected too").containsPattern("(?m)^c\\d+ " + REFUSED);
            assertThat(alice.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")).contains("Subject: keep me");
            assertThat(alice.command("STATUS INBOX (MESSAGES UIDVALIDITY)"))
                    .contains("* STATUS \"INBOX\" (MESSAGES 1 UIDVALIDITY " + uidValidity + ")");

            assertThat(alice.command("CREATE Old")).contains(" OK ");
            assertThat(alice.command("DELETE Old")).containsPattern("(?m)^c\\d+ OK ");
            assertThat(alice.command("CREATE INBOX.Sub")).contains(" OK ");
            assertThat(alice.command("DELETE INBOX.Sub")).as("a folder under INBOX is not INBOX")
                    .containsPattern("(?m)^c\\d+ OK ");
        }
    }
}
