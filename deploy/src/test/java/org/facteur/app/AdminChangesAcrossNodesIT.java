package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.SmtpDialogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14's acceptance line "admin changes made on one node take effect on the others": two packaged nodes on one
 * PostgreSQL, each with its own data directory. Node B is asked first, so that its caches hold "no"; the change is
 * made with {@code facteur admin} on node A; then node B is asked every 100 ms until it answers yes. The time it took
 * is printed. The caches hold an answer 1 s (the goal is 2 s); the test allows 5 s, a loaded machine's margin, which
 * the former 10 s caches overran (6.4 s and 5.9 s measured with them).
 */
class AdminChangesAcrossNodesIT {
    static final String PASSWORD = "Corr3ct-horse";
    static final Duration PATIENCE = Duration.ofSeconds(5);

    @TempDir
    static Path dataA;
    @TempDir
    static Path dataB;
    static TwoNodesOnPostgres nodes;
    static FacteurProcess nodeA;
    static FacteurProcess nodeB;

    @BeforeAll
    static void start() throws Exception {
        nodes = TwoNodesOnPostgres.start(dataA, dataB, Map.of(), PASSWORD);
        nodeA = nodes.nodeA();
        nodeB = nodes.nodeB();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aDomainAndAUserAddedOnNodeAReceiveMailOnNodeB() throws Exception {
        assertThat(rcptOnB("carol@example.net")).as("B does not know the domain yet").doesNotStartWith("250");
        admin(nodeA, "domain", "add", "example.net");
        admin(nodeA, "user", "add", "carol@example.net", "--password", PASSWORD);
        report("new domain and user", untilRcptAcceptedOnB("carol@example.net"));
    }

    @Test
    void anAliasAddedOnNodeAIsFollowedOnNodeB() throws Exception {
        assertThat(rcptOnB("team@example.org")).as("no such address yet").startsWith("550");
        admin(nodeA, "alias", "add", "team@example.org", "alice@example.org");
        report("new alias", untilRcptAcceptedOnB("team@example.org"));
    }

    @Test
    void aListAndAMemberAddedOnNodeAWorkOnNodeB() throws Exception {
        assertThat(nodeA.admin("user", "add", "dave@example.org", "--password", PASSWORD).exitCode()).isZero();
        assertThat(rcptOnB("club@example.org")).as("no such list yet").startsWith("550");
        admin(nodeA, "list", "create", "club@example.org", "--owner", "alice@example.org", "--preset", "discussion");
        report("new list", untilRcptAcceptedOnB("club@example.org"));

        long start = System.nanoTime();
        admin(nodeA, "list", "add-member", "club@example.org", "dave@example.org");
        try (SmtpDialogue submission = new SmtpDialogue(nodeB.submission, "127.0.0.1")) {
            submission.greetAndEhlo();
            submission.startTls();
            submission.command("EHLO client.test");
            assertThat(submission.authPlain("alice@example.org", PASSWORD)).startsWith("235");
            submission.sendMessage("alice@example.org", "club@example.org", "From: alice@example.org\r\nTo: club@example.org\r\n"
                    + "Subject: first post through node B\r\nMessage-ID: <first-post@example.org>\r\n\r\nWelcome, Dave.");
        }
        try (ImapDialogue imap = new ImapDialogue(nodeB.imap, "127.0.0.1")) {
            assertThat(imap.login("dave@example.org", PASSWORD)).startsWith("OK");
            assertThat(imap.selectWhenItHolds("INBOX", 1)).as("the member added on A got the post sent through B")
                    .contains("* 1 EXISTS");
            assertThat(imap.command("FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]")).contains("first post through node B");
        }
        System.out.printf("AdminChangesAcrossNodesIT: a post through node B reached the member added on node A %d ms after"
                + " the admin command (delivery included)%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @Test
    void bothNodesSignWithTheKeysDnsPublishes() throws Exception {
        for (String domain : List.of("example.org", "example.com")) {
            if (domain.equals("example.com")) {
                admin(nodeB, "domain", "add", domain);   // made on B this time, after both started
            }
            List<String> onA = dkimRecords(nodeA, domain);
            assertThat(onA).as("an RSA and an Ed25519 record for %s", domain).hasSize(2);
            assertThat(dkimRecords(nodeB, domain)).as("node B publishes, so signs with, node A's keys").isEqualTo(onA);
        }
        admin(nodeA, "dkim", "rotate", "example.org");
        List<String> rotated = dkimRecords(nodeA, "example.org");
        assertThat(rotated).hasSize(4);
        // node B reads keys again 5 s after it last read them (DkimKeys.RELOAD_AFTER): until then it signs with the
        // previous ones, still published
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> dkimRecords(nodeB, "example.org").equals(rotated));
    }

    @Test
    void anOpenPgpKeyMadeOnNodeAIsServedByNodeB() throws Exception {
        assertThat(nodeB.admin("pgp", "export-key", "alice@example.org").exitCode()).as("no key yet").isNotZero();
        admin(nodeA, "pgp", "enable", "alice@example.org", "--passphrase", "Long-enough passphrase 7", "--publish-wkd");
        FacteurProcess.Result onA = nodeA.admin("pgp", "export-key", "alice@example.org");
        FacteurProcess.Result onB = nodeB.admin("pgp", "export-key", "alice@example.org");
        assertThat(onA.out()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        assertThat(onB.out()).as("node B serves node A's key (WKD, Autocrypt, encryption at rest)").isEqualTo(onA.out());
    }

    static List<String> dkimRecords(FacteurProcess node, String domain) throws Exception {
        FacteurProcess.Result dns = node.admin("dns", domain);
        assertThat(dns.exitCode()).as(dns.err()).isZero();
        return dns.out().lines().filter(l -> l.contains("._domainkey.")).sorted().toList();
    }

    static void admin(FacteurProcess node, String... args) throws Exception {
        FacteurProcess.Result result = node.admin(args);
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    }

    static String rcptOnB(String recipient) throws Exception {
        try (SmtpDialogue mx = new SmtpDialogue(nodeB.smtp, "127.0.0.1")) {
            mx.greetAndEhlo();
            assertThat(mx.command("MAIL FROM:<someone@elsewhere.test>")).startsWith("250");
            return mx.command("RCPT TO:<" + recipient + ">");
        }
    }

    /** Asks node B every 100 ms; the time from now until it accepts. */
    static Duration untilRcptAcceptedOnB(String recipient) throws Exception {
        long start = System.nanoTime();
        String last = "";
        while (System.nanoTime() - start < PATIENCE.toNanos()) {
            last = rcptOnB(recipient);
            if (last.startsWith("250")) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node B still refuses " + recipient + " after " + PATIENCE + ": " + last);
    }

    static void report(String what, Duration took) {
        System.out.printf("AdminChangesAcrossNodesIT: %s counted on node B %d ms after the admin command on node A%n",
                what, took.toMillis());
        assertThat(took).isLessThan(PATIENCE);
    }
}
