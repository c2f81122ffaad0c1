package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.mail.AuthenticationFailedException;

import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.SmtpDialogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code FACTEUR_LOG_FORMAT=json}: every line Facteur logs is one JSON object (the JVM's own start-up warnings aside),
 * the SMTP transaction line carries its values as fields, every line names the node ({@code FACTEUR_NODE_NAME}) as
 * ECS {@code service.node.name}, and no password shows up anywhere.
 */
class JsonLogIT {
    private static final String PASSWORD = "Pelican-Secret-7731";

    @TempDir
    Path dir;

    @Test
    void everyLineIsJsonAndTransactionAndLoginLinesHaveTheirFields() throws Exception {
        try (FacteurProcess facteur = new FacteurProcess(dir.resolve("data"),
                Map.of("FACTEUR_LOG_FORMAT", "json", "FACTEUR_NODE_NAME", "mx-json")).start()) {
            assertThat(facteur.admin("domain", "add", "example.org").exitCode()).isZero();
            assertThat(facteur.admin("user", "add", "alice@example.org", "--password", PASSWORD).exitCode()).isZero();
            try (SmtpDialogue smtp = new SmtpDialogue(facteur.smtp)) {
                assertThat(smtp.reply()).startsWith("220");
                assertThat(smtp.command("EHLO json.client.test")).startsWith("250");
                assertThat(smtp.command("MAIL FROM:<bob@remote.test>")).startsWith("250");
                assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                assertThat(smtp.command("Subject: logged\r\n\r\nbody words that must not be logged\r\n.")).startsWith("250");
                assertThat(smtp.command("QUIT")).startsWith("221");
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> facteur.log().contains("facteur.smtp.transactions"));

            ObjectMapper json = new ObjectMapper();
            List<JsonNode> events = new ArrayList<>();
            for (String line : facteur.log().split("\n")) {
                if (line.isBlank() || line.startsWith("WARNING: ")) {
                    continue; // the JVM prints its own warnings on stderr before any logger exists
                }
                JsonNode event = json.readTree(line);
                assertThat(event.isObject()).as(line).isTrue();
                assertThat(event.path("@timestamp").asText()).as(line).isNotEmpty();
                assertThat(event.path("log").path("level").asText()).as(line).isNotEmpty();
                assertThat(event.path("service").path("node").path("name").asText()).as("FACTEUR_NODE_NAME in " + line)
                        .isEqualTo("mx-json");
                events.add(event);
            }
            assertThat(events).hasSizeGreaterThan(20);
            JsonNode transaction = events.stream()
                    .filter(e -> e.path("log").path("logger").asText().equals("facteur.smtp.transactions"))
                    .findFirst().orElseThrow();
            JsonNode smtp = transaction.path("smtp");
            assertThat(smtp.path("listener").asText()).isEqualTo("mx");
            assertThat(smtp.path("outcome").asText()).isEqualTo("accepted");
            assertThat(smtp.path("queue_id").asText()).startsWith("Mail");
            assertThat(smtp.path("from").asText()).isEqualTo("bob@remote.test");
            assertThat(smtp.path("recipients").asInt()).isEqualTo(1);
            assertThat(smtp.path("size").asLong()).isPositive();
            assertThat(smtp.path("helo").asText()).isEqualTo("json.client.test");
            assertThat(transaction.path("client").path("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(transaction.path("tls").path("version").asText()).isEqualTo("none");
            assertThat(facteur.log()).doesNotContain(PASSWORD).doesNotContain("body words that must not be logged");

            MailClient client = new MailClient(facteur.ports());
            assertThatThrownBy(() -> client.imap("alice@example.org", "Not-" + PASSWORD).close())
                    .isInstanceOf(AuthenticationFailedException.class);
            client.imap("alice@example.org", PASSWORD).close();
            await().atMost(30, TimeUnit.SECONDS).until(() -> facteur.log().contains("IMAP login succeeded"));
            List<JsonNode> logins = new ArrayList<>();
            for (String line : facteur.log().split("\n")) {
                if (line.contains("\"facteur.logins\"")) {
                    logins.add(json.readTree(line));
                }
            }
            assertThat(logins).extracting(e -> e.path("login").path("result").asText()).containsExactly("failed", "succeeded");
            assertThat(logins).allSatisfy(e -> {
                assertThat(e.path("login").path("protocol").asText()).isEqualTo("imap");
                assertThat(e.path("login").path("address").asText()).isEqualTo("alice@example.org");
                assertThat(e.path("client").path("ip").asText()).isEqualTo("127.0.0.1");
            });
            assertThat(facteur.log()).doesNotContain(PASSWORD);
        }
    }
}
