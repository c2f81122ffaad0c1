package org.facteur.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.SmtpDialogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of the packaged jar, read the way Prometheus reads it: the text is parsed by the Prometheus
 * project's own Python parser, and the counters move as mail flows through SMTP and IMAP.
 */
class MetricsIT {
    @TempDir
    static Path dir;
    static FacteurProcess facteur;

    @BeforeAll
    static void start() throws Exception {
        facteur = new FacteurProcess(dir.resolve("data"), Map.of()).start();
        assertThat(facteur.admin("domain", "add", "example.org").exitCode()).isZero();
        assertThat(facteur.admin("user", "add", "alice@example.org", "--password", "Wonder-land-42").exitCode()).isZero();
        assertThat(facteur.admin("list", "create", "team@example.org", "--preset", "discussion", "--owner", "alice@example.org")
                .exitCode()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        if (facteur != null) {
            facteur.close();
        }
    }

    @Test
    void countersMoveAsMailFlowsAndPrometheusParsesEveryLine() throws Exception {
        Map<String, Double> before = scrape();

        try (SmtpDialogue smtp = new SmtpDialogue(facteur.smtp)) {
            assertThat(smtp.reply()).startsWith("220");
            assertThat(smtp.command("EHLO client.test")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<bob@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<nobody@example.org>")).startsWith("550");
            assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: counted\r\nFrom: bob@remote.test\r\n\r\nhello\r\n.")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<bob@remote.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command(nestedTooDeep() + "\r\n.")).startsWith("552");
            assertThat(smtp.command("MAIL FROM:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<team@example.org>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: to the list\r\nFrom: alice@example.org\r\n\r\nhello team\r\n.")).startsWith("250");
            assertThat(smtp.command("QUIT")).startsWith("221");
        }

        Map<String, Double> after = scrape();
        assertThat(delta(before, after, "facteur_smtp_messages_total{listener=mx,reason=none,result=accepted}")).isEqualTo(2.0);
        assertThat(delta(before, after, "facteur_smtp_messages_total{listener=mx,reason=MimeStructureHook,result=refused}"))
                .isEqualTo(1.0);
        assertThat(delta(before, after,
                "facteur_smtp_refusals_total{listener=mx,reason=ValidRcptHandler,stage=rcpt,temporary=false}")).isEqualTo(1.0);
        // James's smtpConnections is the number open now (back to its value after QUIT); its command count only grows
        assertThat(delta(before, after, "james_smtpCommands_total{}")).isGreaterThanOrEqualTo(8.0); // EHLO, 2 MAIL, 3 RCPT, 2 DATA
        assertThat(after).containsKey("james_smtpConnections_total{}");
        assertThat(after).containsKeys("james_mailQueueSize_spool{}", "process_uptime_seconds{}");
        assertThat(after.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{area=heap,"));
        assertThat(after.keySet()).anyMatch(k -> k.startsWith("facteur_http_requests_seconds_count{method=GET,status=2xx}"));
        assertThat(after.keySet()).as("James's JVM gauges are left to Micrometer's").noneMatch(k -> k.startsWith("james_jvm"));
        await().atMost(60, TimeUnit.SECONDS)
                .until(() -> delta(before, scrape(), "james_localDeliveredMails_total{}") >= 1.0);
        await().atMost(60, TimeUnit.SECONDS).until(() -> scrape().containsKey("facteur_lists_posts_total{outcome=distributed,reason=none}"));
        assertThat(scrape().get("facteur_lists_recipients_total{}")).isEqualTo(1.0); // the owner, the list's one member
        assertThat(facteur.log()).contains("mx accepted id=Mail", "mx refused id=Mail", "reason=MimeStructureHook");

        MailClient client = new MailClient(facteur.ports());
        // both the direct message and the list's copy reach alice, in either order
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            try (Store store = client.imap("alice@example.org", "Wonder-land-42")) {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                List<String> subjects = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    subjects.add(m.getSubject());
                }
                inbox.close(false);
                assertThat(subjects).containsExactlyInAnyOrder("counted", "[team] to the list");
            }
        });
        Map<String, Double> afterImap = scrape();
        assertThat(afterImap.get("james_IMAP_SELECT_count{}")).isGreaterThanOrEqualTo(1.0);
        assertThat(afterImap.get("james_IMAP_FETCH_count{}")).isGreaterThanOrEqualTo(1.0);
        assertThat(delta(after, afterImap, "james_imapCommands_total{}")).isGreaterThanOrEqualTo(4.0);

        // the shipped Grafana dashboard asks only for series that exist
        String dashboard = Files.readString(Path.of("grafana/facteur-dashboard.json"));
        Matcher metric = Pattern.compile("\\b((?:facteur|james|jvm|process|system)_[A-Za-z0-9_]+)").matcher(dashboard);
        int queried = 0;
        while (metric.find()) {
            String name = metric.group(1);
            assertThat(afterImap.keySet()).as("dashboard's %s in /metrics", name).anyMatch(k -> k.startsWith(name + "{"));
            queried++;
        }
        assertThat(queried).isGreaterThan(15);
    }

    @Test
    void onlyMetricsIsServedAndOnlyToGet() throws Exception {
        HttpResponse<String> other = http("GET", "/health");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).isEqualTo("Only /metrics is served here.\n");
        HttpResponse<String> post = http("POST", "/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> get = http("GET", "/metrics");
        assertThat(get.headers().firstValue("Content-Type")).hasValue(MetricsServer.CONTENT_TYPE);
    }

    /** A MIME tree nested 60 deep, past the default limit of 50: refused at DATA by MimeStructureHook. */
    private static String nestedTooDeep() {
        StringBuilder m = new StringBuilder("Subject: deep\r\nFrom: bob@remote.test\r\nMIME-Version: 1.0\r\n");
        for (int i = 0; i < 60; i++) {
            m.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
        }
        m.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
        for (int i = 59; i >= 0; i--) {
            m.append("--b").append(i).append("--\r\n");
        }
        return m.toString();
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
        assertThat(after).as("scrape has " + sample).containsKey(sample);
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }

    private static HttpResponse<String> http(String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + facteur.metrics + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every sample of /metrics as {@code name{k=v,...}} to value, through Prometheus's own parser. */
    static Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = http("GET", "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process parser = new ProcessBuilder(python, Path.of("src/test/python/prometheus_samples.py").toString()).start();
        try (var in = parser.getOutputStream()) {
            in.write(response.body().getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(parser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(parser.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(parser.waitFor()).as("Prometheus's parser: " + err).isZero();
        Map<String, Double> samples = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            assertThat(samples.put(f[0] + "{" + f[1] + "}", Double.parseDouble(f[2]))).as("sample %s appears once", line).isNull();
        }
        assertThat(samples).hasSizeGreaterThan(50);
        return samples;
    }
}
