package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The packaged Facteur as a user runs it: health, the admin CLI, a Python mail client, SIGTERM. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FacteurAppIT {
    @TempDir
    static Path data;
    static FacteurProcess facteur;

    @BeforeAll
    static void start() throws Exception {
        facteur = new FacteurProcess(data, Map.of()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        facteur.close();
    }

    @Test
    @Order(1)
    void healthIsUpAndNamesEachPart() throws Exception {
        HttpResponse<String> health = facteur.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"smtp\":true", "\"imap\":true", "\"store\":true",
                "\"spooler\":true");
    }

    @Test
    @Order(2)
    void firstStartTellsWhereToConnectAndHowToCreateAUser() throws Exception {
        assertThat(facteur.log()).contains("Facteur is running", "Submission (mail clients)",
                Integer.toString(facteur.submission), "./facteur admin user add",
                "Webmail                    http://mail.facteur.test:" + facteur.http + "/",
                "export FACTEUR_DATA_DIR=" + data.toAbsolutePath().normalize());
        // the tests may run as root (containers): the warning must then be there, and only then
        if ("root".equals(System.getProperty("user.name"))) {
            assertThat(facteur.log()).contains("Facteur is running as root");
        } else {
            assertThat(facteur.log()).doesNotContain("Facteur is running as root");
        }
    }

    @Test
    @Order(3)
    void adminApiIsNotOnThePublicPortAndNeedsTheToken() throws Exception {
        // Not on the public server at all: like any unknown path there, it asks for the webmail login
        // (every spelling of the path is tried in security.NetworkExposureIT).
        HttpResponse<String> pub = facteur.get("/admin/api/domains");
        assertThat(pub.statusCode()).isEqualTo(302);
        assertThat(pub.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        String endpoint = Files.readString(data.resolve("admin/endpoint")).strip();
        assertThat(endpoint).startsWith("http://127.0.0.1:");
        HttpResponse<String> noToken = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint + "/admin/api/domains")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        HttpResponse<String> wrongToken = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint + "/admin/api/domains"))
                        .header("Authorization", "Bearer " + "0".repeat(64)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(Files.getPosixFilePermissions(data.resolve("admin/token")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    @Order(3)
    void webmailCookieIsSecureBehindATlsProxyAndPagesCarryTheirPolicy() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> plain = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + facteur.http + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(plain.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Lax")
                .doesNotContain("Secure");
        HttpResponse<String> proxied = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + facteur.http + "/login"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Lax", "Secure");
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + facteur.http + "/mail")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(302);
    }

    @Test
    @Order(4)
    void domainCommandsRoundTrip() throws Exception {
        assertOk(facteur.admin("domain", "add", "example.org"), "Domain example.org added.");
        assertOk(facteur.admin("domain", "add", "Other.ORG"), "added");
        // only what an admin added: no localhost that James would add as its default domain
        assertThat(facteur.admin("domain", "list").out().lines()).contains("example.org", "other.org").doesNotContain("localhost");
        assertRefused(facteur.admin("domain", "add", "example.org"), "Domain example.org already exists.");
        assertRefused(facteur.admin("domain", "add", "bad domain!"), "is not a valid domain name");
        assertOk(facteur.admin("domain", "remove", "other.org"), "removed");
        assertThat(facteur.admin("domain", "list").out().lines()).doesNotContain("other.org");
        assertRefused(facteur.admin("domain", "remove", "other.org"), "Unknown domain other.org");
    }

    @Test
    @Order(5)
    void dnsPrintsEveryRecordToPublishAndDkimRotateAddsSelectors() throws Exception {
        FacteurProcess.Result dns = facteur.admin("dns", "example.org");
        assertOk(dns, "_dmarc.example.org.");
        assertThat(dns.out()).containsPattern("(?m)^example\\.org\\.\\s+3600 IN MX\\s+10 ")
                .contains("\"v=spf1 mx -all\"")
                .containsPattern("(?m)^f\\d{6}\\._domainkey\\.example\\.org\\.\\s+3600 IN TXT\\s+\\( \"v=DKIM1; k=rsa; p=")
                .containsPattern("(?m)^e\\d{6}\\._domainkey\\.example\\.org\\.\\s+3600 IN TXT\\s+\"v=DKIM1; k=ed25519; p=")
                .contains("p=none; rua=mailto:postmaster@example.org");
        assertOk(facteur.admin("dkim", "rotate", "example.org"), "New DKIM selectors for example.org");
        assertThat(facteur.admin("dns", "example.org").out().lines().filter(l -> l.contains("._domainkey.")).count())
                .isEqualTo(4);
        assertRefused(facteur.admin("dns", "nowhere.org"), "Unknown domain nowhere.org");
        assertRefused(facteur.admin("dkim", "rotate", "nowhere.org"), "Unknown domain nowhere.org");
    }

    @Test
    @Order(5)
    void userCommandsRoundTrip() throws Exception {
        assertOk(facteur.admin("user", "add", "alice@example.org", "--password", "S3cret-pass"), "User alice@example.org added.");
        assertOk(facteur.admin("user", "add", "bob@example.org", "--password", "An0ther-pass"), "added");
        assertThat(facteur.admin("user", "list").out().lines()).contains("alice@example.org", "bob@example.org");
        // application.yml gives each new mailbox FACTEUR_DEFAULT_QUOTA (1GB)
        assertThat(facteur.admin("quota", "show", "alice@example.org").out()).contains("of 1.0 GB");
        assertRefused(facteur.admin("user", "add", "alice@example.org", "--password", "S3cret-pass"),
                "User alice@example.org already exists.");
        assertRefused(facteur.admin("user", "add", "zoe@nowhere.org", "--password", "S3cret-pass"), "Unknown domain nowhere.org");
        assertRefused(facteur.admin("user", "add", "zoe@example.org", "--password", "short"), "Password too weak");
        assertRefused(facteur.admin("user", "add", "not-an-address", "--password", "S3cret-pass"), "not a valid email address");
        assertOk(facteur.admin("user", "add", "temp@example.org", "--password", "Hidd3n-value"), "added");
        assertOk(facteur.admin("user", "passwd", "temp@example.org", "--password", "Ch4nged-pass"), "changed");
        assertRefused(facteur.admin("user", "passwd", "temp@example.org", "--password", "weak"), "Password too weak");
        assertOk(facteur.admin("user", "remove", "temp@example.org"), "removed");
        assertRefused(facteur.admin("user", "remove", "temp@example.org"), "Unknown user temp@example.org.");
        FacteurProcess.Result usage = facteur.admin("user", "frobnicate");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("Unknown command");
    }

    @Test
    @Order(6)
    void aliasAndQuotaCommandsRoundTrip() throws Exception {
        assertOk(facteur.admin("alias", "add", "info@example.org", "alice@example.org"), "Alias info@example.org -> alice@example.org added.");
        assertThat(facteur.admin("alias", "list").out()).contains("info@example.org -> alice@example.org");
        assertRefused(facteur.admin("alias", "add", "info@example.org", "alice@example.org"), "already exists");
        assertRefused(facteur.admin("alias", "add", "alice@example.org", "bob@example.org"), "is a mailbox");
        assertRefused(facteur.admin("alias", "add", "x@nowhere.org", "bob@example.org"), "Unknown domain");
        assertOk(facteur.admin("alias", "remove", "info@example.org"), "removed");
        assertRefused(facteur.admin("alias", "remove", "info@example.org"), "No alias info@example.org");

        assertOk(facteur.admin("quota", "set", "bob@example.org", "--storage", "10MB", "--messages", "500"), "Quota of bob@example.org set.");
        assertThat(facteur.admin("quota", "show", "bob@example.org").out()).contains("of 10.0 MB", "of 500");
        assertRefused(facteur.admin("quota", "set", "ghost@example.org", "--storage", "1MB"), "Unknown user");
        FacteurProcess.Result badSize = facteur.admin("quota", "set", "bob@example.org", "--storage", "lots");
        assertThat(badSize.exitCode()).isEqualTo(2);
        assertThat(badSize.err()).contains("is not a size");
        assertOk(facteur.admin("quota", "set", "bob@example.org", "--storage", "unlimited"), "set");
        assertThat(facteur.admin("quota", "show", "bob@example.org").out()).contains("of unlimited");
    }

    @Test
    @Order(6)
    void listCommandsRoundTrip() throws Exception {
        assertOk(facteur.admin("list", "create", "team@example.org", "--preset", "discussion", "--owner", "alice@example.org",
                "--moderator", "bob@example.org", "--language", "fr"), "List team@example.org created (discussion), owned by alice@example.org, who is subscribed.");
        assertThat(facteur.admin("list", "list").out().lines()).contains("team@example.org");
        assertRefused(facteur.admin("list", "create", "team@example.org", "--owner", "alice@example.org"), "already exists");
        assertRefused(facteur.admin("list", "create", "x@nowhere.org", "--owner", "alice@example.org"), "nowhere.org is not served here");
        assertRefused(facteur.admin("list", "create", "alice@example.org", "--owner", "bob@example.org"), "is a mailbox");
        assertRefused(facteur.admin("list", "create", "news@example.org", "--owner", "alice@example.org", "--preset", "chatroom"),
                "Unknown preset 'chatroom'");
        assertOk(facteur.admin("list", "add-member", "team@example.org", "carol@remote.test", "--name", "Carol"),
                "carol@remote.test is now subscriber of team@example.org.");
        assertThat(facteur.admin("list", "members", "team@example.org").out())
                .contains("alice@example.org  owner,subscriber  mail", "bob@example.org  moderator  no posts (not subscribed)",
                        "carol@remote.test  subscriber  mail  (Carol)");
        assertOk(facteur.admin("list", "set", "team@example.org", "send=moderated", "description=Le bureau"), "updated");
        assertThat(facteur.admin("list", "show", "team@example.org").out()).contains("send: moderated", "description: Le bureau", "language: fr");
        assertRefused(facteur.admin("list", "set", "team@example.org", "send=sometimes"), "'sometimes' is not a valid value for send.");
        assertThat(facteur.admin("list", "show", "team@example.org").out()).contains("dmarc: rewrite", "dmarc-poster: reply-to");
        assertOk(facteur.admin("list", "set", "team@example.org", "dmarc=wrap", "dmarc-poster=cc"), "updated");
        assertThat(facteur.admin("list", "show", "team@example.org").out()).contains("dmarc: wrap", "dmarc-poster: cc");
        assertRefused(facteur.admin("list", "set", "team@example.org", "dmarc-poster=bcc"), "'bcc' is not a valid value for dmarc-poster.");
        assertOk(facteur.admin("list", "remove-member", "team@example.org", "carol@remote.test"), "removed");
        assertRefused(facteur.admin("list", "remove-member", "team@example.org", "carol@remote.test"), "is not a member");
        assertOk(facteur.admin("list", "create", "old@example.org", "--owner", "alice@example.org", "--no-subscribe-owner"),
                "owned by alice@example.org (not subscribed: receives no posts).");
        assertThat(facteur.admin("list", "members", "old@example.org").out()).contains("alice@example.org  owner  no posts (not subscribed)");
        assertOk(facteur.admin("list", "delete", "old@example.org"), "List old@example.org deleted.");
        assertRefused(facteur.admin("list", "show", "old@example.org"), "There is no list old@example.org.");
    }

    @Test
    @Order(7)
    void aPythonClientSendsAndSearchesOverStartTls() throws Exception {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        ProcessBuilder pb = new ProcessBuilder(python, Path.of("src/test/python/mail_client_check.py").toString(),
                "127.0.0.1", Integer.toString(facteur.submission), Integer.toString(facteur.imap),
                "alice@example.org", "S3cret-pass", "bob@example.org", "An0ther-pass");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println(output);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("all checks passed");
    }

    @Test
    @Order(8)
    void adminWithoutARunningServerSaysSo() throws Exception {
        FacteurProcess.Result r = new FacteurProcess(data.resolve("nothing-here"), Map.of()).admin("domain", "list");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("No running Facteur found");
    }

    @Test
    @Order(99)
    void sigtermStopsCleanly() throws Exception {
        int code = facteur.terminate(Duration.ofSeconds(60));
        assertThat(code).isIn(0, 143);
        assertThat(facteur.log()).contains("Mail server stopped");
    }

    private static void assertOk(FacteurProcess.Result r, String expected) {
        assertThat(r.exitCode()).as("exit code; stderr: " + r.err()).isZero();
        assertThat(r.out()).contains(expected);
    }

    private static void assertRefused(FacteurProcess.Result r, String expected) {
        assertThat(r.exitCode()).as("exit code; stdout: " + r.out()).isEqualTo(1);
        assertThat(r.err().strip()).contains(expected);
        assertThat(r.err().strip().lines().count()).as("one clear sentence").isEqualTo(1);
    }
}
