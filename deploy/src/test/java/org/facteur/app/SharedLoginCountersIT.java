package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.SmtpDialogue;
import org.facteur.mailserver.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13's acceptance for several nodes: two packaged Facteur processes, each with its own data directory, share
 * their login counters through one real redis-server ({@code FACTEUR_REDIS_URI}, here with a password). Wrong
 * passwords tried on one lock the address, for that client, on the other, over IMAP and over SMTP AUTH.
 */
class SharedLoginCountersIT {
    static final String PASSWORD = "Corr3ct-horse";
    static final String REDIS_PASSWORD = "r3dis-Pass-5e1f";

    @TempDir
    static Path dataA;
    @TempDir
    static Path dataB;
    static TestRedis redis;
    static FacteurProcess nodeA;
    static FacteurProcess nodeB;

    @BeforeAll
    static void start() throws Exception {
        redis = TestRedis.startPrivate(List.of("--requirepass", REDIS_PASSWORD));
        Map<String, String> shared = Map.of(
                "FACTEUR_REDIS_URI", "redis://:" + REDIS_PASSWORD + "@127.0.0.1:" + redis.port() + "/0",
                "FACTEUR_REDIS_KEY_PREFIX", TestRedis.freshPrefix());
        nodeA = new FacteurProcess(dataA, shared).start();
        nodeB = new FacteurProcess(dataB, shared).start();
        for (FacteurProcess node : List.of(nodeA, nodeB)) {
            assertThat(node.admin("domain", "add", "example.org").exitCode()).isZero();
            for (String user : new String[] {"imap-shared", "smtp-shared"}) {
                assertThat(node.admin("user", "add", user + "@example.org", "--password", PASSWORD).exitCode()).isZero();
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (FacteurProcess node : new FacteurProcess[] {nodeA, nodeB}) {
                if (node != null) {
                    assertThat(node.log()).as("the Redis password is never logged").doesNotContain(REDIS_PASSWORD)
                            .contains("Login counters are shared in Redis at redis://127.0.0.1:" + redis.port() + "/0")
                            .contains("Webmail sessions are shared in Redis at redis://127.0.0.1:" + redis.port() + "/0");
                    node.close();
                }
            }
        } finally {
            redis.stop();
        }
    }

    static String imapLogin(FacteurProcess node, String client, String user, String password) throws Exception {
        try (ImapDialogue imap = new ImapDialogue(node.imap, client)) {
            return imap.login(user, password);
        }
    }

    @Test
    void twentyWrongImapLoginsOnNodeALockTheAddressOnNodeB() throws Exception {
        String target = "imap-shared@example.org";
        assertThat(imapLogin(nodeB, "127.0.0.31", target, PASSWORD)).as("B lets the owner in before").startsWith("OK");
        for (int i = 0; i < 20; i++) {
            assertThat(imapLogin(nodeA, "127.0.0.31", target, "guess-" + i)).as("guess %d on A", i + 1).startsWith("NO [");
        }
        assertThat(imapLogin(nodeB, "127.0.0.31", target, PASSWORD)).as("B, right password")
                .startsWith("NO [UNAVAILABLE] ").containsIgnoringCase("try again later");
        assertThat(imapLogin(nodeB, "127.0.0.32", target, PASSWORD)).as("the owner from another address").startsWith("OK");
    }

    @Test
    void twentyWrongSmtpAuthsOnNodeBLockTheAddressOnNodeA() throws Exception {
        String target = "smtp-shared@example.org";
        try (SmtpDialogue smtp = submission(nodeB, "127.0.0.33")) {
            for (int i = 0; i < 20; i++) {
                assertThat(smtp.authPlain(target, "guess-" + i)).as("guess %d on B", i + 1).matches("(535 5\\.7\\.8|454 4\\.7\\.0) (?s).*");
            }
        }
        try (SmtpDialogue smtp = submission(nodeA, "127.0.0.33")) {
            assertThat(smtp.authPlain(target, PASSWORD)).as("A, right password")
                    .startsWith("454 4.7.0 ").containsIgnoringCase("try again later");
        }
        try (SmtpDialogue owner = submission(nodeA, "127.0.0.34")) {
            assertThat(owner.authPlain(target, PASSWORD)).startsWith("235");
        }
    }

    static SmtpDialogue submission(FacteurProcess node, String client) throws Exception {
        SmtpDialogue smtp = new SmtpDialogue(node.submission, client);
        smtp.greetAndEhlo();
        smtp.startTls();
        smtp.command("EHLO client.test");
        return smtp;
    }
}
