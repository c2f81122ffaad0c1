package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server with James's mailboxes on Facteur's SQL store (SQLite under the data directory, bodies as files),
 * driven over SMTP and IMAP: what STATUS and SELECT report comes from the counters in the mailbox rows, and it
 * all survives a restart with the same UIDVALIDITY and UIDs.
 */
class SqlMailboxStoreIT {
    static final String ALICE = "alice@example.org";
    static final String PASSWORD = "S3cret-pass";

    @TempDir
    Path data;

    @Test
    void deliveredMailIsCountedFlaggedCopiedExpungedAndKeptAcrossARestart() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        MailClient client = new MailClient(settings.ports());
        long uidValidity;
        String[] subjects = new String[4];
        try (FacteurMailServer server = FacteurMailServer.start(settings)) {
            server.admin().addDomain("example.org");
            server.admin().addUser(ALICE, PASSWORD);
            for (int i = 1; i <= 3; i++) {
                client.deliver(client.message("bob@example.net", ALICE, "Message " + i, "Body number " + i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> client.count(ALICE, PASSWORD, "INBOX") == 3);

            try (Store store = client.imap(ALICE, PASSWORD)) {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                assertThat(inbox.getMessageCount()).isEqualTo(3);
                assertThat(inbox.getUnreadMessageCount()).isEqualTo(3);

                inbox.open(Folder.READ_WRITE);
                uidValidity = inbox.getUIDValidity();
                for (int seq = 1; seq <= 3; seq++) {
                    subjects[seq] = inbox.getMessage(seq).getSubject();
                }
                inbox.getMessage(1).setFlag(Flags.Flag.SEEN, true);
                Folder archive = store.getFolder("Archive");
                archive.create(Folder.HOLDS_MESSAGES);
                inbox.copyMessages(new Message[] {inbox.getMessage(2)}, archive);
                inbox.getMessage(3).setFlag(Flags.Flag.DELETED, true);
                inbox.expunge();
                inbox.close(false);

                assertThat(inbox.getMessageCount()).isEqualTo(2);
                assertThat(inbox.getUnreadMessageCount()).isEqualTo(1);
                assertThat(inbox.getNewMessageCount()).as("SELECT cleared \\Recent").isZero();
                assertThat(archive.getMessageCount()).isEqualTo(1);
            }
            assertThat(server.admin().quota(ALICE).messagesUsed()).isEqualTo(3);
        }
        assertThat(messagesKeptInTheInboxRow()).as("the SQLite database holds the mailboxes").isEqualTo(2);

        try (FacteurMailServer server = FacteurMailServer.start(settings);
             Store store = client.imap(ALICE, PASSWORD)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getUIDValidity()).isEqualTo(uidValidity);
            assertThat(inbox.getUID(inbox.getMessage(1))).isEqualTo(1);
            assertThat(inbox.getUID(inbox.getMessage(2))).isEqualTo(2);
            assertThat(inbox.getMessage(2).getSubject()).isEqualTo(subjects[2]);
            assertThat(inbox.getMessage(2).getContent().toString()).contains("Body number " + subjects[2].substring("Message ".length()));
            assertThat(inbox.getMessage(1).isSet(Flags.Flag.SEEN)).isTrue();
            Folder archive = store.getFolder("Archive");
            archive.open(Folder.READ_ONLY);
            assertThat(archive.getMessage(1).getSubject()).isEqualTo(subjects[2]);
        }
    }

    private long messagesKeptInTheInboxRow() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + DataDirectory.of(data).database());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT messages FROM mailbox WHERE name = 'INBOX'")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
