package org.facteur.mailserver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.MailboxInfo;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The (mailbox, flag, uid) indexes exist after a start, making sure again (next start) is harmless, and
 * SELECT/EXAMINE still report the first unseen message through {@link FacteurMessageMapper}.
 */
class MailboxIndexesIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @Test
    void theMailboxFlagIndexesExistAndAreKeptOnTheNextStart() throws Exception {
        assertThat(indexes()).containsAll(MailboxIndexes.INDEXES.keySet());
        MailboxIndexes.ensure(database());
        assertThat(indexes()).containsAll(MailboxIndexes.INDEXES.keySet());
    }

    @Test
    void selectStillReportsTheFirstUnseenMessage() throws Exception {
        MailClient client = mail.client();
        try (Store store = client.imap(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)) {
            Folder folder = store.getFolder("Firsts");
            folder.create(Folder.HOLDS_MESSAGES);
            MimeMessage seen = client.message("bob@example.org", MailServerExtension.ALICE, "one", "1");
            seen.setFlag(Flags.Flag.SEEN, true);
            folder.appendMessages(new Message[] {seen, client.message("bob@example.org", MailServerExtension.ALICE, "two", "2"),
                    client.message("bob@example.org", MailServerExtension.ALICE, "three", "3")});
            assertThat(firstUnseen((IMAPFolder) folder)).isEqualTo(2);
            folder.open(Folder.READ_WRITE);
            folder.setFlags(2, 3, new Flags(Flags.Flag.SEEN), true);
            folder.close(false);
            assertThat(firstUnseen((IMAPFolder) folder)).as("no [UNSEEN] when all are read").isEqualTo(-1);
        }
    }

    /** The sequence number in EXAMINE's [UNSEEN n] answer, -1 when the server sends none. */
    private static int firstUnseen(IMAPFolder folder) throws Exception {
        return (Integer) folder.doCommand(protocol -> {
            MailboxInfo info = protocol.examine(folder.getFullName());
            protocol.close();
            return info.first;
        });
    }

    private static DatabaseSettings database() {
        return DatabaseSettings.embeddedDerby(mail.settings().dataDir().resolve("var/store/derby"));
    }

    private static Set<String> indexes() throws Exception {
        DatabaseSettings db = database();
        Set<String> names = new HashSet<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password());
                ResultSet r = c.getMetaData().getIndexInfo(null, null, "JAMES_MAIL", false, false)) {
            while (r.next()) {
                names.add(r.getString("INDEX_NAME"));
            }
        }
        return names;
    }
}
