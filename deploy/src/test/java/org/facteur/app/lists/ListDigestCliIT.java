package org.facteur.app.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.MailClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Digests against the packaged jar, with the digest settings application.yml ships: {@code facteur admin list digest}
 * sends the waiting posts to the member who asked for DIGESTPLAIN by mail, and says so; a second run says nothing waits.
 */
class ListDigestCliIT {
    private static final String PASS = "S3cret-pass";
    @TempDir
    static Path data;
    static FacteurProcess facteur;
    static MailClient client;

    @BeforeAll
    static void start() throws Exception {
        facteur = new FacteurProcess(data, Map.of());
        facteur.start();
        ok(facteur.admin("domain", "add", "example.org"));
        for (String user : new String[] {"alice", "dan"}) {
            ok(facteur.admin("user", "add", user + "@example.org", "--password", PASS));
        }
        ok(facteur.admin("list", "create", "team@example.org", "--owner", "alice@example.org", "--no-subscribe-owner"));
        ok(facteur.admin("list", "add-member", "team@example.org", "dan@example.org"));
        ok(facteur.admin("list", "add-member", "team@example.org", "alice@example.org"));
        client = new MailClient(facteur.ports());
    }

    @AfterAll
    static void stop() throws Exception {
        if (facteur != null) {
            facteur.close();
        }
    }

    @Test
    void theAdminCommandSendsThePlainDigestNowAndOnlyOnce() throws Exception {
        client.submit("dan@example.org", PASS, client.message("dan@example.org", "lists@example.org", "plain please", "SET team DIGESTPLAIN"));
        assertThat(new String(client.raw("dan@example.org", PASS, "Re: plain please"))).contains("is now DIGESTPLAIN");
        assertThat(facteur.admin("list", "members", "team@example.org").out()).contains("dan@example.org  subscriber  digestplain");
        for (String subject : new String[] {"First", "Second"}) {
            client.submit("alice@example.org", PASS, client.message("alice@example.org", "team@example.org", subject, subject + " text"));
        }
        // alice (subscribed, MAIL) has both copies: both posts were distributed, so both wait for the digest
        client.raw("alice@example.org", PASS, "[team] First");
        client.raw("alice@example.org", PASS, "[team] Second");
        FacteurProcess.Result sent = facteur.admin("list", "digest", "team@example.org");
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("Digest Vol 1, Issue 1 of team@example.org sent with 2 posts.");

        MimeMessage digest = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(client.raw("dan@example.org", PASS, "[team] Digest, Vol 1, Issue 1")));
        assertThat(digest.isMimeType("text/plain")).isTrue();
        assertThat((String) digest.getContent()).contains("Subject: [team] First").contains("Subject: [team] Second")
                .contains("End of [team] Digest, Vol 1, Issue 1");
        assertThat(client.subjects("dan@example.org", PASS, "INBOX")).containsExactly("Re: plain please", "[team] Digest, Vol 1, Issue 1");

        FacteurProcess.Result none = facteur.admin("list", "digest", "team@example.org");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).contains("No post waits for the digest of team@example.org: nothing was sent.");
    }

    private static void ok(FacteurProcess.Result result) {
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    }
}
