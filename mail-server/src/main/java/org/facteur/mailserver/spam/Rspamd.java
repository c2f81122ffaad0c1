package org.facteur.mailserver.spam;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Rspamd's HTTP protocol (https://rspamd.com/doc/developers/protocol.html): {@code POST /checkv2} with the message as the
 * body and the envelope in headers ({@code IP}, {@code Helo}, {@code From}, one {@code Rcpt} per recipient, {@code Queue-Id});
 * {@code POST /learnspam} and {@code /learnham} on the controller.
 */
public final class Rspamd {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final RspamdSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public Rspamd(RspamdSettings settings) {
        this.settings = settings;
    }

    public RspamdSettings settings() {
        return settings;
    }

    /** The envelope Rspamd scores with: SPF, RBLs and its per-recipient settings need it. */
    public record Envelope(String clientAddress, String helo, Optional<String> mailFrom, List<String> recipients, String queueId) {
    }

    public RspamdVerdict check(byte[] message, Envelope envelope) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.checkUrl() + "/checkv2")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(message))
                .header("IP", envelope.clientAddress()).header("Queue-Id", envelope.queueId());
        if (!envelope.helo().isBlank()) {
            request.header("Helo", envelope.helo());
        }
        envelope.mailFrom().ifPresent(from -> request.header("From", from));
        for (String rcpt : envelope.recipients()) {
            request.header("Rcpt", rcpt);
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() != 200) {
            throw new IOException("Rspamd answered HTTP " + response.statusCode() + " to /checkv2: " + abbreviate(response.body()));
        }
        return verdict(response.body());
    }

    /** Whether the controller learned it (false: already learned, or too little text to learn from: Rspamd's 204). */
    public boolean learn(boolean spam, byte[] message) throws IOException {
        URI controller = settings.learnUrl().orElseThrow(() -> new IllegalStateException("no Rspamd controller to learn with"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(controller + (spam ? "/learnspam" : "/learnham")))
                .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofByteArray(message));
        if (!settings.password().isEmpty()) {
            request.header("Password", settings.password());
        }
        HttpResponse<String> response = send(request.build());
        return switch (response.statusCode()) {
            case 200 -> true;
            case 204, 208 -> false;
            default -> throw new IOException("Rspamd's controller answered HTTP " + response.statusCode() + " to "
                    + (spam ? "learnspam" : "learnham") + ": " + abbreviate(response.body()));
        };
    }

    static RspamdVerdict verdict(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        List<String> symbols = new ArrayList<>();
        for (Iterator<String> names = root.path("symbols").fieldNames(); names.hasNext(); ) {
            symbols.add(names.next());
        }
        return new RspamdVerdict(RspamdVerdict.Action.of(root.path("action").asText()), root.path("score").asDouble(),
                root.path("required_score").asDouble(), root.path("messages").path("smtp_message").asText(""), symbols);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Rspamd", e);
        }
    }

    private static String abbreviate(String body) {
        String b = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return b.length() > 200 ? b.substring(0, 200) + "…" : b;
    }
}
