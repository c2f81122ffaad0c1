package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.search.BodyTerm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDeliveryIT {
    @TempDir
    Path data;

    @Test
    void submittedMailIsReadableAndSearchableOverImapAndSurvivesRestart() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        MailClient client = new MailClient(settings.ports());
        try (FacteurMailServer server = FacteurMailServer.start(settings)) {
            server.admin().addDomain("example.org");
            server.admin().addUser("alice@example.org", "S3cret-pass");
            server.admin().addUser("bob@example.org", "An0ther-pass");
            assertThat(server.isReady()).isTrue();

            client.submit("alice@example.org", "S3cret-pass",
                    client.message("alice@example.org", "bob@example.org", "Hello Bob", "The quick zebrafish jumps"));

            await().atMost(Duration.ofSeconds(30)).until(() -> client.count("bob@example.org", "An0ther-pass", "INBOX") == 1);
            assertThat(bodySearch(client, "zebrafish")).isEqualTo(1);
            assertThat(bodySearch(client, "hippopotamus")).isZero();
        }
        try (FacteurMailServer server = FacteurMailServer.start(settings)) {
            assertThat(client.subjects("bob@example.org", "An0ther-pass", "INBOX")).containsExactly("Hello Bob");
            assertThat(bodySearch(client, "zebrafish")).isEqualTo(1);
            assertThat(bodySearch(client, "hippopotamus")).isZero();
        }
    }

    private static int bodySearch(MailClient client, String word) throws Exception {
        try (Store store = client.imap("bob@example.org", "An0ther-pass")) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] found = inbox.search(new BodyTerm(word));
            inbox.close(false);
            return found.length;
        }
    }
}
