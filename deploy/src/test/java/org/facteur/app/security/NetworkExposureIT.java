package org.facteur.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.facteur.app.FacteurProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the packaged Facteur exposes on the network: only the listeners its configuration names, and an
 * admin API that no spelling of a path reaches from the public HTTP port.
 */
class NetworkExposureIT {
    /** Spellings that reached the admin API through the public port when it was guarded by a path filter. */
    static final List<String> ADMIN_PATH_SPELLINGS = List.of(
            "/admin/api/domains", "/%61dmin/api/domains", "/adm%69n/api/domains", "/admin%2Fapi/domains",
            "/%2561dmin/api/domains", "/admin;x=1/api/domains", "/admin/api;x/domains", "//admin/api/domains",
            "/./admin/api/domains", "/admin/./api/domains", "/x/../admin/api/domains", "/x/..;/admin/api/domains",
            "/foo/..;/admin/api/domains", "/ADMIN/api/domains", "/Admin/Api/domains", "/admin/api/domains/",
            "/admin/api/users", "/%61dmin/api/users", "/admin/api/users/alice%40example.org/password");

    @TempDir
    static Path data;
    static FacteurProcess facteur;
    static String token;
    static int adminPort;

    @BeforeAll
    static void start() throws Exception {
        facteur = new FacteurProcess(data, Map.of()).start();
        assertThat(facteur.admin("domain", "add", "example.org").exitCode()).isZero();
        assertThat(facteur.admin("user", "add", "alice@example.org", "--password", "S3cret-pass").exitCode()).isZero();
        token = Files.readString(data.resolve("admin/token")).strip();
        String endpoint = Files.readString(data.resolve("admin/endpoint")).strip();
        assertThat(endpoint).startsWith("http://127.0.0.1:");
        adminPort = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    @AfterAll
    static void stop() throws Exception {
        if (facteur != null) {
            facteur.close();
        }
    }

    @Test
    void theProcessListensOnlyWhereItsConfigurationSays() throws Exception {
        Set<Integer> expected = new TreeSet<>(List.of(facteur.smtp, facteur.submission, facteur.smtps, facteur.imap,
                facteur.imaps, facteur.http, facteur.metrics, adminPort));
        List<ListeningSockets.Listener> listeners = ListeningSockets.of(facteur.pid());
        assertThat(listeners).as("listening sockets of the Facteur process").isNotEmpty();
        assertThat(listeners).allSatisfy(l -> assertThat(expected)
                .as("%s is not a configured listener (configured: %s)", l, expected).contains(l.port()));
        assertThat(listeners.stream().map(ListeningSockets.Listener::port).distinct().sorted().toList())
                .containsExactlyElementsOf(expected);
        assertThat(listeners.stream().filter(l -> l.port() == adminPort))
                .as("the admin API listens on loopback only").allSatisfy(l -> assertThat(l.loopback()).isTrue());
        assertThat(listeners.stream().filter(l -> l.port() == facteur.metrics))
                .as("/metrics listens on loopback by default").isNotEmpty().allSatisfy(l -> assertThat(l.loopback()).isTrue());
        // The test configuration binds the mail and HTTP ports to 127.0.0.1 too: nothing listens on a wildcard address.
        assertThat(listeners).noneMatch(ListeningSockets.Listener::wildcard);
    }

    @Test
    void noSpellingOfTheAdminPathReachesTheAdminApiOnThePublicPort() throws Exception {
        for (String path : ADMIN_PATH_SPELLINGS) {
            for (boolean withToken : new boolean[] {false, true}) {
                for (String method : List.of("GET", "PUT")) {
                    Response r = request(facteur.http, method, path, withToken ? token : null,
                            method.equals("PUT") ? "{\"password\":\"Pwn3d-password-1\"}" : null);
                    assertThat(r.status()).as("%s %s (token: %s) on the public port", method, path, withToken)
                            .isGreaterThanOrEqualTo(300);
                    // Error pages may echo the path; the API's answers are JSON strings like "example.org".
                    assertThat(r.body()).as("%s %s on the public port", method, path)
                            .doesNotContain("\"example.org\"").doesNotContain("\"alice@example.org\"");
                }
            }
        }
    }

    @Test
    void theAdminPortWantsTheTokenWhateverThePath() throws Exception {
        for (String path : ADMIN_PATH_SPELLINGS) {
            // 401 from the token filter, or 400 where Tomcat refuses the request line before any filter (%2F).
            assertThat(request(adminPort, "GET", path, null, null).status()).as("GET %s without token", path).isIn(400, 401);
            assertThat(request(adminPort, "GET", path, "0".repeat(64), null).status()).as("GET %s, wrong token", path)
                    .isIn(400, 401);
        }
        for (String path : List.of("/", "/health", "/login", "/mail", "/.well-known/openpgpkey/policy", "/error")) {
            assertThat(request(adminPort, "GET", path, null, null).status()).as("GET %s without token", path).isEqualTo(401);
        }
        Response ok = request(adminPort, "GET", "/admin/api/domains", token, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).contains("example.org");
        Response unknown = request(adminPort, "GET", "/admin/api/nothing-here", token, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).doesNotContain("Tomcat").doesNotContain("Exception");
        assertThat(request(adminPort, "GET", "/login", token, null).status()).as("the webmail is not on the admin port")
                .isEqualTo(404);
    }

    @Test
    void theCommandLineWithAWrongTokenIsRefusedNotUnreachable() throws Exception {
        Path other = Files.createDirectories(data.resolveSibling(data.getFileName() + "-wrong-token").resolve("admin"));
        Files.copy(data.resolve("admin/endpoint"), other.resolve("endpoint"));
        Files.writeString(other.resolve("token"), "f".repeat(64) + "\n");
        FacteurProcess wrong = new FacteurProcess(other.getParent(), Map.of());
        FacteurProcess.Result result = wrong.admin("domain", "list");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains("token");
    }

    record Response(int status, String body) {
    }

    /** A raw HTTP/1.1 request, so that the path reaches the server exactly as written (no client normalisation). */
    static Response request(int port, String method, String path, String bearer, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\nAccept: application/json\r\n");
            if (bearer != null) {
                req.append("Authorization: Bearer ").append(bearer).append("\r\n");
            }
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                req.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String statusLine = raw.lines().findFirst().orElse("");
            String[] parts = statusLine.split(" ");
            int status = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
            int split = raw.indexOf("\r\n\r\n");
            return new Response(status, split < 0 ? "" : raw.substring(split + 4));
        }
    }
}
