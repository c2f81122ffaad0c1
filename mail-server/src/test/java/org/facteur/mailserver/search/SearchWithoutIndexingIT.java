package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.store.FSDirectory;
import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code FACTEUR_SEARCH_INDEXING=false}: nothing goes into the index, and text searches are still exact, read from
 * the store (the switch exists to run on little CPU and to measure what indexing costs).
 */
class SearchWithoutIndexingIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(SearchWithoutIndexingIT::withoutIndexing);

    private static MailServerSettings withoutIndexing(Path dataDir) {
        MailServerSettings s = TestMailServers.settings(dataDir);
        return new MailServerSettings(s.dataDir(), s.hostname(), s.bindAddress(), s.ports(), s.tls(), s.limits(),
                s.outbound(), s.spoolerThreads(), s.lists(), s.database(), s.trustedProxies(), s.postmaster(),
                s.proxyProtocol(), s.redis(), s.submission(), s.dnsServers(), s.inboundChecks(), s.rspamd(), false);
    }

    @Test
    void textSearchesAreExactAndNothingIsIndexed() throws Exception {
        try (ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1")) {
            assertThat(imap.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(imap.command("CREATE Unindexed")).contains(" OK");
            for (String body : new String[] {"the treasurer's zeppelin report", "nothing to see", "another zeppelins note"}) {
                assertThat(imap.append("Unindexed", ("From: bob@example.org\r\nSubject: minutes\r\n\r\n" + body + "\r\n")
                        .getBytes(StandardCharsets.UTF_8))).contains(" OK");
            }
            assertThat(imap.command("SELECT Unindexed")).contains("* 3 EXISTS");
            assertThat(imap.command("UID SEARCH BODY zeppelin")).contains("* SEARCH 1 3");
            assertThat(imap.command("UID SEARCH TEXT \"see\"")).containsPattern("(?m)^\\* SEARCH 2$");
            assertThat(imap.command("UID SEARCH SUBJECT minutes NOT BODY zeppelin")).containsPattern("(?m)^\\* SEARCH 2$");
        }
        assertThat(indexedDocuments(DataDirectory.of(mail.settings().dataDir()).searchIndex())).isZero();
    }

    private static int indexedDocuments(Path index) throws Exception {
        if (!Files.isDirectory(index)) {
            return 0;
        }
        try (FSDirectory directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.numDocs();
        } catch (IndexNotFoundException e) {
            return 0;
        }
    }
}
