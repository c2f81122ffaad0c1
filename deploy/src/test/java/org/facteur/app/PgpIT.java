package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.facteur.mailserver.Gpg;
import org.facteur.pgp.wkd.WebKeyDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** OpenPGP as an operator and the world see it: {@code ./facteur admin pgp ...} and the Web Key Directory, judged by gpg. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgpIT {
    static final String PASSPHRASE = "correct horse battery";
    @TempDir
    static Path data;
    static FacteurProcess facteur;
    static String alicesFingerprint;

    @BeforeAll
    static void start() throws Exception {
        facteur = new FacteurProcess(data, Map.of()).start();
        assertThat(facteur.admin("domain", "add", "example.org").exitCode()).isZero();
        for (String user : List.of("alice@example.org", "bob@example.org", "carol@example.org")) {
            assertThat(facteur.admin("user", "add", user, "--password", "Quite-long-pass9").exitCode()).isZero();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        facteur.close();
    }

    @Test
    @Order(1)
    void enableMakesAKeyAndStatusShowsItWhateverTheCaseOfTheAddress() throws Exception {
        FacteurProcess.Result enabled = facteur.admin("pgp", "enable", "--publish-wkd", "Alice@Example.ORG",
                "--passphrase", PASSPHRASE, "--encrypt-incoming");
        assertThat(enabled.exitCode()).as(enabled.err()).isZero();
        assertThat(enabled.out()).contains("OpenPGP is on for alice@example.org", "encrypt incoming on", "WKD on", "Autocrypt off");

        Map<String, String> status = fields(facteur.admin("pgp", "status", "ALICE@example.org"));
        alicesFingerprint = status.get("key");
        assertThat(alicesFingerprint).matches("[0-9A-F]{40}");
        assertThat(status).containsEntry("encrypt-incoming", "true").containsEntry("publish-wkd", "true")
                .containsEntry("autocrypt", "false").containsEntry("revoked", "false")
                .containsEntry("secret-key", "on this server (passphrase-protected)");
        assertThat(status.get("user-ids")).contains("alice@example.org");

        FacteurProcess.Result exported = facteur.admin("pgp", "export-key", "alice@example.org");
        assertThat(exported.exitCode()).isZero();
        assertThat(exported.out()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        try (Gpg gpg = new Gpg()) {
            assertThat(fingerprints(gpg, exported.out().getBytes(StandardCharsets.US_ASCII))).containsExactly(alicesFingerprint);
        }
    }

    @Test
    @Order(2)
    void refusalsAreOneSentenceWithExitCodeOne() throws Exception {
        FacteurProcess.Result stranger = facteur.admin("pgp", "enable", "nobody@example.org", "--passphrase", PASSPHRASE);
        assertThat(stranger.exitCode()).isEqualTo(1);
        assertThat(stranger.err().strip()).isEqualTo("nobody@example.org is not a mailbox of this server.");

        FacteurProcess.Result wrong = facteur.admin("pgp", "export-key", "alice@example.org", "--secret", "--passphrase", "not it");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("Wrong passphrase for alice@example.org's key.");
        assertThat(wrong.out()).doesNotContain("PRIVATE KEY");

        FacteurProcess.Result noKey = facteur.admin("pgp", "export-key", "carol@example.org");
        assertThat(noKey.exitCode()).isEqualTo(1);
        assertThat(noKey.err()).contains("carol@example.org has no OpenPGP key");

        assertThat(facteur.admin("pgp", "enable", "carol@example.org", "--passphrase", "short").exitCode()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void theExportedSecretKeyOpensInGpgWithItsPassphrase() throws Exception {
        FacteurProcess.Result secret = facteur.admin("pgp", "export-key", "alice@example.org", "--secret", "--passphrase", PASSPHRASE);
        assertThat(secret.exitCode()).as(secret.err()).isZero();
        assertThat(secret.out()).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
        try (Gpg gpg = new Gpg()) {
            Gpg.Result imported = gpg.run(secret.out().getBytes(StandardCharsets.US_ASCII), PASSPHRASE, "--import");
            assertThat(imported.exit()).as(imported.toString()).isZero();
            Gpg.Result listed = gpg.run(new byte[0], null, "--with-colons", "--list-secret-keys");
            assertThat(listed.out()).contains("fpr:::::::::" + alicesFingerprint + ":");
        }
    }

    @Test
    @Order(4)
    void webKeyDirectoryServesThePublishedKeyForAMixedCaseLocalPart() throws Exception {
        String hash = WebKeyDirectory.hashedLocalPart("Alice");
        assertThat(hash).isEqualTo(WebKeyDirectory.hashedLocalPart("alice"));
        for (RawHttp.Response response : List.of(
                http("/.well-known/openpgpkey/hu/" + hash + "?l=Alice", "example.org"),            // direct, our domain as host
                http("/.well-known/openpgpkey/hu/" + hash + "?l=Alice", "127.0.0.1"),              // direct, by l= alone
                http("/.well-known/openpgpkey/example.org/hu/" + hash + "?l=Alice", "openpgpkey.example.org"))) { // advanced
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).containsEntry("content-type", "application/octet-stream")
                    .containsEntry("access-control-allow-origin", "*");
            assertThat(response.body()[0] & 0x80).as("binary, not armored").isNotZero();
            try (Gpg gpg = new Gpg()) {
                assertThat(fingerprints(gpg, response.body())).containsExactly(alicesFingerprint);
                assertThat(userIds(gpg, response.body())).containsExactly("<alice@example.org>");
            }
        }
        assertThat(http("/.well-known/openpgpkey/policy", "example.org").status()).isEqualTo(200);
        assertThat(http("/.well-known/openpgpkey/example.org/policy", "openpgpkey.example.org").status()).isEqualTo(200);
        assertThat(http("/.well-known/openpgpkey/elsewhere.test/policy", "openpgpkey.elsewhere.test").status()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void usersWhoDidNotPublishAreNotInTheDirectory() throws Exception {
        assertThat(facteur.admin("pgp", "enable", "bob@example.org", "--passphrase", PASSPHRASE, "--encrypt-incoming").exitCode()).isZero();
        String bob = WebKeyDirectory.hashedLocalPart("bob");
        assertThat(http("/.well-known/openpgpkey/hu/" + bob + "?l=bob", "example.org").status()).isEqualTo(404);
        assertThat(http("/.well-known/openpgpkey/example.org/hu/" + bob, "openpgpkey.example.org").status()).isEqualTo(404);
        String carol = WebKeyDirectory.hashedLocalPart("carol");
        assertThat(http("/.well-known/openpgpkey/hu/" + carol + "?l=carol", "example.org").status()).isEqualTo(404);
        // the right hash in the wrong domain
        String alice = WebKeyDirectory.hashedLocalPart("alice");
        assertThat(http("/.well-known/openpgpkey/other.test/hu/" + alice, "openpgpkey.other.test").status()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void aPublicKeyMadeByGpgCanBeImportedForAUser() throws Exception {
        try (Gpg gpg = new Gpg()) {
            Gpg.Result made = gpg.run(new byte[0], "", "--quick-gen-key", "Carol <carol@example.org>", "ed25519", "default", "never");
            assertThat(made.exit()).as(made.toString()).isZero();
            Gpg.Result exported = gpg.run(new byte[0], null, "--armor", "--export", "carol@example.org");
            Path file = Files.write(data.resolve("carol.asc"), exported.stdout());
            String fingerprint = fingerprints(gpg, exported.stdout()).getFirst();

            FacteurProcess.Result imported = facteur.admin("pgp", "import-key", "Carol@example.org", file.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            Map<String, String> status = fields(facteur.admin("pgp", "status", "carol@example.org"));
            assertThat(status).containsEntry("key", fingerprint).containsEntry("secret-key", "not on this server");

            Gpg.Result secret = gpg.run(new byte[0], "", "--armor", "--export-secret-keys", "carol@example.org");
            Path secretFile = Files.write(data.resolve("carol-secret.asc"), secret.stdout());
            FacteurProcess.Result refused = facteur.admin("pgp", "import-key", "carol@example.org", secretFile.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("public key only");
        }
    }

    @Test
    @Order(7)
    void revokeNeedsThePassphraseStopsEncryptionAndWkdServesTheRevocation() throws Exception {
        assertThat(facteur.admin("pgp", "revoke", "alice@example.org", "--passphrase", "not it").exitCode()).isEqualTo(1);
        FacteurProcess.Result revoked = facteur.admin("pgp", "revoke", "alice@example.org", "--passphrase", PASSPHRASE);
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        Map<String, String> status = fields(facteur.admin("pgp", "status", "alice@example.org"));
        assertThat(status).containsEntry("revoked", "true").containsEntry("encrypt-incoming", "false").containsEntry("key", alicesFingerprint);

        RawHttp.Response published = http("/.well-known/openpgpkey/hu/" + WebKeyDirectory.hashedLocalPart("alice"), "example.org");
        assertThat(published.status()).isEqualTo(200);
        try (Gpg gpg = new Gpg()) {
            assertThat(gpg.run(published.body(), null, "--import").exit()).isZero();
            Gpg.Result listed = gpg.run(new byte[0], null, "--with-colons", "--list-keys", alicesFingerprint);
            assertThat(listed.out()).as(listed.toString()).startsWith("tru:").contains("\npub:r:");
        }
    }

    private static Map<String, String> fields(FacteurProcess.Result result) {
        assertThat(result.exitCode()).as(result.err()).isZero();
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : result.out().split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 2).strip());
            }
        }
        return fields;
    }

    private static List<String> fingerprints(Gpg gpg, byte[] key) {
        return showOnly(gpg, key).lines().filter(l -> l.startsWith("fpr:")).map(l -> l.split(":")[9]).limit(1).toList();
    }

    private static List<String> userIds(Gpg gpg, byte[] key) {
        return showOnly(gpg, key).lines().filter(l -> l.startsWith("uid:")).map(l -> l.split(":")[9]).toList();
    }

    private static String showOnly(Gpg gpg, byte[] key) {
        Gpg.Result shown = gpg.run(key, null, "--with-colons", "--import-options", "show-only", "--import");
        assertThat(shown.exit()).as(shown.toString()).isZero();
        return shown.out();
    }

    /** A raw HTTP/1.0 GET, so that the Host header can name a mail domain. */
    private static RawHttp.Response http(String path, String host) throws Exception {
        return RawHttp.get(facteur.http, path, host);
    }
}
