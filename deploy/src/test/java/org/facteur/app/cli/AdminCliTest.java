package org.facteur.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling of {@code facteur admin}; the round trips against a server are in FacteurAppIT. */
class AdminCliTest {
    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new AdminCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("FACTEUR_DATA_DIR", data.toString())).run(args);
    }

    @Test
    void noArgumentsPrintsUsageAndFails() {
        assertThat(run()).isEqualTo(AdminCli.USAGE);
        assertThat(out.toString()).contains("domain add NAME", "quota set ADDRESS");
    }

    @Test
    void helpSucceeds() {
        assertThat(run("help")).isZero();
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(run("mailbox", "explode")).isEqualTo(AdminCli.USAGE);
        assertThat(err.toString()).contains("Unknown command 'mailbox explode'");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("domain", "list", "--verbose", "yes")).isEqualTo(AdminCli.USAGE);
        assertThat(err.toString()).contains("Unknown option --verbose");
    }

    @Test
    void badQuotaSizeIsAUsageError() {
        assertThat(run("quota", "set", "a@b.org", "--storage", "plenty")).isEqualTo(AdminCli.USAGE);
        assertThat(err.toString()).contains("'plenty' is not a size");
    }

    @Test
    void aliasAddNeedsTwoAddresses() {
        assertThat(run("alias", "add", "only@one.org")).isEqualTo(AdminCli.USAGE);
    }

    @Test
    void noServerInTheDataDirectoryIsReportedClearly() {
        assertThat(run("domain", "list")).isEqualTo(AdminCli.UNREACHABLE);
        assertThat(err.toString()).contains("No running Facteur found in " + data);
    }

    @Test
    void dataDirOptionWinsOverTheEnvironment() {
        assertThat(run("--data-dir", data.resolve("elsewhere").toString(), "domain", "list")).isEqualTo(AdminCli.UNREACHABLE);
        assertThat(err.toString()).contains("elsewhere");
    }

    record Seen(String method, String path, JsonNode body) {
    }

    /** Runs the command against a stand-in admin API that records the request and answers {@code reply}. */
    private List<Seen> against(String reply, byte[] stdin, String... args) throws Exception {
        List<Seen> seen = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                    body.length == 0 ? null : json.readTree(body)));
            byte[] answer = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            Files.createDirectories(data.resolve("admin"));
            Files.writeString(data.resolve("admin/endpoint"), "http://127.0.0.1:" + server.getAddress().getPort());
            Files.writeString(data.resolve("admin/token"), "t");
            int code = new AdminCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    Map.of("FACTEUR_DATA_DIR", data.toString()), new ByteArrayInputStream(stdin)).run(args);
            assertThat(code).as(err.toString()).isZero();
            return seen;
        } finally {
            server.stop(0);
        }
    }

    @Test
    void dnsPrintsTheZoneLinesAndDkimRotatePostsToTheDomain() throws Exception {
        List<Seen> dns = against("[\"; DNS records\",\"example.org. 3600 IN MX 10 mail.example.org.\"]", new byte[0],
                "dns", "example.org");
        assertThat(dns.get(0).method()).isEqualTo("GET");
        assertThat(dns.get(0).path()).isEqualTo("/admin/api/domains/example.org/dns");
        assertThat(out.toString().lines()).containsExactly("; DNS records", "example.org. 3600 IN MX 10 mail.example.org.");
        List<Seen> rotate = against("{\"result\":\"New DKIM selectors\"}", new byte[0], "dkim", "rotate", "example.org");
        assertThat(rotate.get(0).method()).isEqualTo("POST");
        assertThat(rotate.get(0).path()).isEqualTo("/admin/api/domains/example.org/dkim/rotate");
        assertThat(run("dns")).isEqualTo(AdminCli.USAGE);
    }

    @Test
    void backupPostsTheDirectoryAndRetentionAndPrintsTheSnapshotPathLast() throws Exception {
        List<Seen> seen = against("{\"path\":\"/srv/b/facteur-20261202T023138Z\",\"files\":3,\"bytes\":2048,\"millis\":1500,"
                + "\"removed\":[\"/srv/b/facteur-20261101T023138Z\"]}", new byte[0], "backup", "--keep-daily", "7");
        assertThat(seen.get(0).method()).isEqualTo("POST");
        assertThat(seen.get(0).path()).isEqualTo("/admin/api/backups");
        assertThat(seen.get(0).body().get("to").asText()).isEqualTo(data.toAbsolutePath().normalize() + "-backups");
        assertThat(seen.get(0).body().get("keepDaily").asInt()).isEqualTo(7);
        assertThat(seen.get(0).body().get("keepWeekly").isNull()).isTrue();
        assertThat(out.toString().lines()).containsExactly("Snapshot written and verified: 3 files, 2.0 KB, in 1.5 s.",
                "Removed by retention: /srv/b/facteur-20261101T023138Z", "/srv/b/facteur-20261202T023138Z");
        assertThat(run("backup", "--keep-weekly", "many")).isEqualTo(AdminCli.USAGE);
        assertThat(err.toString()).contains("--keep-weekly takes a number of snapshots, not 'many'.");
    }

    @Test
    void reindexPostsForOneUserOrForAll() throws Exception {
        List<Seen> one = against("{\"result\":\"Indexing 6 mailbox(es) again\"}", new byte[0], "reindex", "bob@example.org");
        assertThat(one.get(0).method()).isEqualTo("POST");
        assertThat(one.get(0).path()).isEqualTo("/admin/api/search/reindex?user=bob%40example.org");
        List<Seen> all = against("{\"result\":\"Indexing 12 mailbox(es) again\"}", new byte[0], "reindex");
        assertThat(all.get(0).path()).isEqualTo("/admin/api/search/reindex");
        assertThat(run("reindex", "a@example.org", "b@example.org")).isEqualTo(AdminCli.USAGE);
    }

    @Test
    void pgpFlagsTakeNoValueAndValuedOptionsStillDo() throws Exception {
        List<Seen> seen = against("{\"result\":\"ok\"}", new byte[0],
                "pgp", "enable", "--encrypt-incoming", "Alice@Example.org", "--passphrase", "long passphrase", "--autocrypt");
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).method()).isEqualTo("POST");
        assertThat(seen.get(0).path()).isEqualTo("/admin/api/pgp/Alice%40Example.org");
        JsonNode body = seen.get(0).body();
        assertThat(body.get("passphrase").asText()).isEqualTo("long passphrase");
        assertThat(body.get("encryptIncoming").asBoolean()).isTrue();
        assertThat(body.get("publishWkd").asBoolean()).isFalse();
        assertThat(body.get("autocrypt").asBoolean()).isTrue();
        assertThat(out.toString()).contains("ok");
    }

    @Test
    void listCreateSubscribesTheOwnerUnlessToldNot() throws Exception {
        List<Seen> plain = against("{\"result\":\"created\"}", new byte[0], "list", "create", "team@example.org", "--owner", "alice@example.org");
        assertThat(plain.get(0).path()).isEqualTo("/admin/api/lists");
        assertThat(plain.get(0).body().get("subscribeOwner").asBoolean()).isTrue();
        List<Seen> not = against("{\"result\":\"created\"}", new byte[0], "list", "create", "news@example.org", "--no-subscribe-owner",
                "--owner", "alice@example.org");
        assertThat(not.get(0).body().get("subscribeOwner").asBoolean()).isFalse();
        assertThat(not.get(0).body().get("owner").asText()).isEqualTo("alice@example.org");
        assertThat(run("help")).isZero();
        assertThat(out.toString()).contains("[--no-subscribe-owner]");
    }

    @Test
    void listDigestPostsToTheListsDigestAndPrintsTheResult() throws Exception {
        List<Seen> seen = against("{\"result\":\"Digest Vol 1, Issue 2 of team@example.org sent with 5 posts.\"}", new byte[0],
                "list", "digest", "team@example.org");
        assertThat(seen.get(0).method()).isEqualTo("POST");
        assertThat(seen.get(0).path()).isEqualTo("/admin/api/lists/team%40example.org/digest");
        assertThat(out.toString()).contains("Digest Vol 1, Issue 2 of team@example.org sent with 5 posts.");
        assertThat(run("list", "digest")).isEqualTo(AdminCli.USAGE);
    }

    @Test
    void listProbePostsToTheListAndPrintsTheResult() throws Exception {
        List<Seen> seen = against("{\"result\":\"2 mail(s) sent on team@example.org\"}", new byte[0], "list", "probe", "team@example.org");
        assertThat(seen.get(0).method()).isEqualTo("POST");
        assertThat(seen.get(0).path()).isEqualTo("/admin/api/lists/team%40example.org/probe");
        assertThat(out.toString()).contains("2 mail(s) sent on team@example.org");
        assertThat(run("list", "probe")).isEqualTo(AdminCli.USAGE);
    }

    @Test
    void pgpPassphraseIsReadFromStandardInputWhenNotGiven() throws Exception {
        List<Seen> seen = against("{\"key\":\"-----BEGIN PGP PRIVATE KEY BLOCK-----\\n\"}",
                "typed passphrase\n".getBytes(StandardCharsets.UTF_8), "pgp", "export-key", "--secret", "bob@example.org");
        assertThat(seen.get(0).path()).isEqualTo("/admin/api/pgp/bob%40example.org/secret-key");
        assertThat(seen.get(0).body().get("passphrase").asText()).isEqualTo("typed passphrase");
        assertThat(out.toString()).isEqualTo("-----BEGIN PGP PRIVATE KEY BLOCK-----\n");
    }

    @Test
    void pgpImportKeySendsTheFileBytesUnchangedFromAFileOrStandardInput() throws Exception {
        byte[] binary = {(byte) 0x99, 0x00, 0x33, 0x04, (byte) 0xff, 0x0a};
        Path file = Files.write(data.resolve("key.gpg"), binary);
        List<Seen> fromFile = against("{\"result\":\"ok\"}", new byte[0], "pgp", "import-key", "carol@example.org", file.toString());
        assertThat(fromFile.get(0).method()).isEqualTo("PUT");
        assertThat(Base64.getDecoder().decode(fromFile.get(0).body().get("key").asText())).isEqualTo(binary);
        List<Seen> fromStdin = against("{\"result\":\"ok\"}", binary, "pgp", "import-key", "carol@example.org", "-");
        assertThat(Base64.getDecoder().decode(fromStdin.get(0).body().get("key").asText())).isEqualTo(binary);
    }

    @Test
    void pgpImportKeyOfAMissingFileIsAUsageError() {
        assertThat(run("pgp", "import-key", "carol@example.org", data.resolve("nope.asc").toString())).isEqualTo(AdminCli.USAGE);
        assertThat(err.toString()).contains("Cannot read the key from");
    }
}
