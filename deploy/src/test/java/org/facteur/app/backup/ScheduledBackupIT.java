package org.facteur.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.MailClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code FACTEUR_BACKUP_SCHEDULE} on the packaged jar: the first scheduled backup fails (its directory is blocked by a
 * file), which the postmaster is told by mail and {@code /health} and {@code /metrics} show; the next one, once the
 * cause is gone, writes a verified snapshot and both say so.
 */
class ScheduledBackupIT {
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    @TempDir
    Path dir;

    @Test
    void aFailedScheduledBackupIsReportedAndTheNextOneWorks() throws Exception {
        Path backups = dir.resolve("backups");
        Files.writeString(backups, "a file where the backup directory should be");
        LocalTime start = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        LocalTime first = start.plusSeconds(100);
        LocalTime second = first.plusSeconds(45);
        Map<String, String> env = Map.of("TZ", "UTC", "FACTEUR_BACKUP_DIR", backups.toString(),
                "FACTEUR_BACKUP_SCHEDULE", first.format(HH_MM_SS) + "," + second.format(HH_MM_SS),
                "FACTEUR_POSTMASTER", "alice@example.org");
        try (FacteurProcess facteur = new FacteurProcess(dir.resolve("data"), env).start()) {
            assertThat(LocalTime.now(ZoneOffset.UTC)).as("Facteur must be up before the first scheduled backup").isBefore(first);
            assertThat(facteur.admin("domain", "add", "example.org").exitCode()).isZero();
            assertThat(facteur.admin("user", "add", "alice@example.org", "--password", "Wonder-land-42").exitCode()).isZero();
            assertThat(facteur.log()).contains("Next backup at ");
            assertThat(backup(facteur).path("ok").asBoolean()).as("no attempt yet").isTrue();

            await().atMost(120, TimeUnit.SECONDS).pollInterval(2, TimeUnit.SECONDS)
                    .until(() -> !backup(facteur).path("ok").asBoolean());
            JsonNode failed = backup(facteur);
            assertThat(failed.path("error").asText()).contains(backups.toString());
            assertThat(failed.path("lastSuccess").isNull()).isTrue();
            assertThat(failed.path("schedule").asText()).isEqualTo(first + "," + second);
            assertThat(metric(facteur, "facteur_backup_last_attempt_ok")).isEqualTo("0.0");
            MailClient client = new MailClient(facteur.ports());
            await().atMost(60, TimeUnit.SECONDS).untilAsserted(() ->
                    assertThat(inbox(client)).contains("Facteur backup failed on mail.facteur.test"));

            Files.delete(backups);
            await().atMost(120, TimeUnit.SECONDS).pollInterval(2, TimeUnit.SECONDS)
                    .until(() -> backup(facteur).path("ok").asBoolean());
            JsonNode ok = backup(facteur);
            Path snapshot = Path.of(ok.path("snapshot").asText());
            assertThat(snapshot.getParent()).isEqualTo(backups);
            assertThat(snapshot.resolve("MANIFEST.sha256")).isRegularFile();
            try (Stream<Path> snapshots = Files.list(backups)) {
                assertThat(snapshots.toList()).containsExactly(snapshot);
            }
            assertThat(ok.path("ageSeconds").asLong()).isBetween(0L, 60L);
            assertThat(ok.has("error")).isFalse();
            assertThat(metric(facteur, "facteur_backup_last_attempt_ok")).isEqualTo("1.0");
            assertThat(Double.parseDouble(metric(facteur, "facteur_backup_last_success_seconds"))).isPositive();
            assertThat(facteur.get("/health").statusCode()).as("a backup's outcome never takes the node down").isEqualTo(200);
        }
    }

    private static JsonNode backup(FacteurProcess facteur) throws Exception {
        return new ObjectMapper().readTree(facteur.get("/health").body()).path("backup");
    }

    private static String metric(FacteurProcess facteur, String name) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + facteur.metrics + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in /metrics"));
    }

    private static List<String> inbox(MailClient client) throws Exception {
        List<String> subjects = new ArrayList<>();
        try (Store store = client.imap("alice@example.org", "Wonder-land-42")) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessages()) {
                subjects.add(m.getSubject());
            }
            inbox.close(false);
        }
        return subjects;
    }
}
