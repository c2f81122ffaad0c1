package org.facteur.mailserver.store.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.mail.AuthenticationFailedException;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.facteur.mailserver.store.sql.Database;
import org.facteur.mailserver.store.sql.DatabaseSettings;
import org.facteur.mailserver.store.sql.Jdbc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Domains, users and aliases of the real server live in Facteur's database (the SQLite file of the data
 * directory): what the administration writes is there, logins over IMAP check the stored hash, mail to an alias
 * reaches its target, and all of it is still there after a restart.
 */
class SqlDataStoreIT {
    @TempDir
    Path dir;

    @Test
    void domainsUsersAndAliasesAreInTheDatabaseAndSurviveARestart() throws Exception {
        MailServerSettings settings = TestMailServers.settings(dir);
        MailClient client = new MailClient(settings.ports());
        try (FacteurMailServer server = FacteurMailServer.start(settings)) {
            server.admin().addDomain("example.org");
            server.admin().addUser("alice@example.org", "S3cret-pass");
            server.admin().addUser("bob@example.org", "An0ther-pass");
            server.admin().addAlias("info@example.org", "bob@example.org");
            server.admin().changePassword("alice@example.org", "N3w-secret-pass");

            client.deliver(client.message("friend@remote.test", "info@example.org", "Hello info", "to the alias"));
            await().atMost(Duration.ofSeconds(30)).until(() -> client.count("bob@example.org", "An0ther-pass", "INBOX") == 1);
            assertThat(client.count("alice@example.org", "N3w-secret-pass", "INBOX")).isZero();
            assertThatThrownBy(() -> client.count("alice@example.org", "S3cret-pass", "INBOX"))
                    .isInstanceOf(AuthenticationFailedException.class);
        }

        try (Database database = Database.open(DatabaseSettings.sqlite(DataDirectory.of(dir).database()))) {
            assertThat(column(database, "SELECT name FROM domains ORDER BY name")).contains("example.org");
            assertThat(column(database, "SELECT name FROM users ORDER BY name")).containsExactly("alice@example.org", "bob@example.org");
            assertThat(column(database, "SELECT password_hash FROM users")).allSatisfy(hash ->
                    assertThat(hash).startsWith("$argon2id$v=19$").doesNotContain("pass"));
            assertThat(column(database, "SELECT source_user || '@' || source_domain || ' -> ' || mapping FROM recipient_rewrites"))
                    .containsExactly("info@example.org -> bob@example.org");
        }

        try (FacteurMailServer server = FacteurMailServer.start(settings)) {
            assertThat(server.admin().listDomains()).contains("example.org");
            assertThat(server.admin().listUsers()).containsExactly("alice@example.org", "bob@example.org");
            assertThat(server.admin().listAliases()).containsEntry("info@example.org", List.of("bob@example.org"));
            client.deliver(client.message("friend@remote.test", "info@example.org", "Hello again", "after the restart"));
            await().atMost(Duration.ofSeconds(30)).until(() -> client.count("bob@example.org", "An0ther-pass", "INBOX") == 2);
            assertThat(client.count("alice@example.org", "N3w-secret-pass", "INBOX")).isZero();
            server.admin().removeAlias("info@example.org", null);
            server.admin().removeUser("bob@example.org");
            assertThat(server.admin().listAliases()).isEmpty();
            assertThat(server.admin().listUsers()).containsExactly("alice@example.org");
        }
    }

    private static List<String> column(Database database, String sql) {
        return database.read(c -> Jdbc.list(c, sql, rs -> rs.getString(1)));
    }
}
