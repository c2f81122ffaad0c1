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
 * UID sets that name no message are ignored without an error (RFC 3501 §6.4.8, RFC 9051 §6.4.9): mbsync,
 * offlineimap and the webmail send {@code UID FETCH 1:*} to every folder, empty ones included, and James 3.8.1
 * answered {@code BAD Invalid messageset} (#15.4).
 */
class UidSetsIT {
    static final String ALICE = "alice@example.org";
    static final String PASSWORD = "S3cret-pass";

    @TempDir
    Path data;

    @Test
    void uidCommandsOnAnEmptyMailboxAnswerOkWithNothing() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings);
             ImapDialogue imap = ImapDialogue.asNewUser(server, settings, ALICE, PASSWORD)) {
            assertThat(imap.command("CREATE Empty")).contains(" OK");
            assertThat(imap.command("SELECT Empty")).contains("* 0 EXISTS");

            String fetch = imap.command("UID FETCH 1:* (UID FLAGS)");
            assertThat(fetch).doesNotContain(" FETCH (");
            assertThat(last(fetch)).matches("c\\d+ OK .*");
            assertThat(last(imap.command("UID FETCH 5:7 (FLAGS)"))).matches("c\\d+ OK .*");
            assertThat(last(imap.command("UID STORE 1:* +FLAGS (\\Seen)"))).matches("c\\d+ OK .*");
            assertThat(last(imap.command("UID EXPUNGE 1:*"))).matches("c\\d+ OK .*");
            String move = imap.command("UID MOVE 1:* INBOX");
            assertThat(last(move)).matches("c\\d+ OK .*");
            assertThat(move).as("nothing moved, no COPYUID").doesNotContain("COPYUID");
            assertThat(last(imap.command("NOOP"))).as("the session goes on").matches("c\\d+ OK .*");
        }
    }

    @Test
    void aUidSetPastTheLastMessageStillFindsOnlyWhatExists() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings);
             ImapDialogue imap = ImapDialogue.asNewUser(server, settings, ALICE, PASSWORD)) {
            byte[] message = "From: bob@example.net\r\nSubject: one\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(imap.append("INBOX", "", message)).contains(" OK");
            assertThat(imap.command("SELECT INBOX")).contains("* 1 EXISTS");
            String fetch = imap.command("UID FETCH 1:* (UID)");
            assertThat(fetch).contains("* 1 FETCH (UID 1)");
            assertThat(last(fetch)).matches("c\\d+ OK .*");
            String beyond = imap.command("UID FETCH 5:9 (UID)");
            assertThat(beyond).doesNotContain(" FETCH (");
            assertThat(last(beyond)).matches("c\\d+ OK .*");
        }
    }


    private static String last(String reply) {
        return reply.strip().lines().reduce((a, b) -> b).orElse("");
    }
}
