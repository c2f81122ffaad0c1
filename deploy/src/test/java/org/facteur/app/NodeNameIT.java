package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FACTEUR_NODE_NAME} on the packaged jar, text logs: every log line of the process names the node after its
 * level, and every sample of {@code /metrics} (the JVM's, Facteur's and James's) carries it as the {@code node} label.
 */
class NodeNameIT {
    @TempDir
    Path dir;

    @Test
    void logLinesAndEveryMetricNameTheNode() throws Exception {
        try (FacteurProcess facteur = new FacteurProcess(dir.resolve("data"), Map.of("FACTEUR_NODE_NAME", "node-a")).start()) {
            List<String> logged = Arrays.stream(facteur.log().split("\n"))
                    .filter(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT.*")).toList(); // Spring Boot's lines, not the JVM's
            assertThat(logged).hasSizeGreaterThan(5).allMatch(l -> l.matches(".*\\b(TRACE|DEBUG|INFO|WARN|ERROR) \\[node-a\\] .*"));

            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + facteur.metrics + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            List<String> samples = metrics.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertThat(samples).hasSizeGreaterThan(50).allMatch(l -> l.contains("node=\"node-a\""));
            assertThat(samples).anyMatch(l -> l.startsWith("jvm_memory_used_bytes{"))
                    .as("James's meters, published through their own collector").anyMatch(l -> l.startsWith("james_smtpConnections_total{"));
        }
    }
}
