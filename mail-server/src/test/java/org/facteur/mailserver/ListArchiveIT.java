package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.facteur.lists.archive.Archives;
import org.facteur.lists.model.ArchiveAccess;
import org.facteur.lists.store.ArchiveEntry;
import org.facteur.mailserver.admin.AdminException;
import org.junit.jupiter.api.Test;

/**
 * Archives in the embedded server: a post over SMTP is archived and searchable in the lists' own index under the data
 * directory, which is rebuilt from the database when it is gone at start; the {@code archive} setting is changed the
 * way the other list settings are.
 */
class ListArchiveIT extends TeamListServer {

    private static Archives archives() {
        return server.lists().service().archives();
    }

    @Test
    void aPostOverSmtpIsArchivedSearchableAndStillFoundAfterItsIndexIsLost() throws Exception {
        client.submit("alice@example.org", PASS, client.message("alice@example.org", TEAM, "Rendez-vous",
                "Les réunions du conseil reprennent en janvier."));
        await().atMost(Duration.ofSeconds(60)).until(() -> client.subjects("bob@example.org", PASS, "INBOX").contains("[team] Rendez-vous"));

        assertThat(archives().search(TEAM, "réunion", 10)).extracting(ArchiveEntry::subject).containsExactly("[team] Rendez-vous");
        assertThat(Files.isDirectory(settings.data().listArchiveIndex())).isTrue();

        server.close();
        deleteTree(settings.data().listArchiveIndex());
        server = FacteurMailServer.start(settings);

        assertThat(archives().search(TEAM, "conseil", 10)).extracting(ArchiveEntry::subject).containsExactly("[team] Rendez-vous");
    }

    @Test
    void theArchiveSettingIsSetLikeTheOthers() {
        server.lists().set(TEAM, Map.of("archive", "public"));
        assertThat(server.lists().get(TEAM).archive()).isEqualTo(ArchiveAccess.PUBLIC);
        server.lists().set(TEAM, Map.of("archive", "members"));
        assertThat(server.lists().get(TEAM).archive()).isEqualTo(ArchiveAccess.MEMBERS);
        assertThatThrownBy(() -> server.lists().set(TEAM, Map.of("archive", "everyone"))).isInstanceOf(AdminException.class)
                .hasMessageContaining("not a valid value for archive");
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
