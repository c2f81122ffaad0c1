package org.facteur.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.SmtpDialogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/cluster/cluster.sh} as a user runs it (#14 item 7): three packaged nodes, private PostgreSQL, RabbitMQ
 * and Redis servers from Debian's packages and HAProxy from the shipped file, on loopback ports of their own. Mail sent
 * through HAProxy reaches an IDLE session on each node; once a node killed with SIGKILL is gone, and before HAProxy's
 * checks notice, no new connection fails (HAProxy sends a refused connection to another node) and no message is lost;
 * {@code start} brings it back; {@code stop} leaves no listener and no process behind.
 */
class ClusterScriptIT {
    static final String ALICE = "alice@example.org";
    static final String PASSWORD = "S3cret-cluster-42";
    static final Duration PATIENCE = Duration.ofSeconds(10);

    static ClusterScript cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ClusterScript.of(3);
        ClusterScript.Result started = cluster.run(Duration.ofMinutes(8), "start");
        assertThat(started.exitCode()).as(started.out()).isZero();
        System.out.printf("ClusterScriptIT: three nodes, PostgreSQL, RabbitMQ, Redis and HAProxy started in %d s%n",
                started.took().toSeconds());
        assertThat(cluster.run(Duration.ofMinutes(1), "admin", "node1", "domain", "add", "example.org").exitCode()).isZero();
        assertThat(cluster.run(Duration.ofMinutes(1), "admin", "node2", "user", "add", ALICE, "--password", PASSWORD)
                .exitCode()).isZero();
    }

    @AfterAll
    static void destroy() throws Exception {
        if (cluster != null) {
            ClusterScript.Result destroyed = cluster.run(Duration.ofMinutes(3), "destroy");
            assertThat(destroyed.exitCode()).as(destroyed.out()).isZero();
        }
    }

    @Test
    void mailThroughHaproxyReachesEveryNodeAndSurvivesTheDeathOfOne() throws Exception {
        List<ImapDialogue> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                ImapDialogue session = new ImapDialogue(cluster.imap(), "127.0.0.1", PATIENCE.multipliedBy(2));
                sessions.add(session);
                assertThat(session.login(ALICE, PASSWORD)).startsWith("OK");
                assertThat(session.command("SELECT INBOX")).contains("* 0 EXISTS");
                session.write("i2 IDLE\r\n");
                assertThat(session.readUntil("+")).startsWith("+");
            }
            for (int n = 1; n <= 3; n++) {
                assertThat(Files.readString(cluster.dir.resolve("node" + n + "/facteur.log")))
                        .as("HAProxy (leastconn) gave node%d one of the three sessions", n)
                        .contains("IMAP login succeeded for " + ALICE);
            }
            send("to every node");
            for (ImapDialogue session : sessions) {
                assertThat(session.readUntil("* 1 EXISTS")).as("each node's IDLE session hears of it").contains("* 1 EXISTS");
            }
        } finally {
            for (ImapDialogue session : sessions) {
                session.close();
            }
        }

        ClusterScript.Result killed = cluster.run(Duration.ofMinutes(1), "kill", "node3");
        assertThat(killed.exitCode()).as(killed.out()).isZero();
        // once node3's port refuses (its process gone), and before HAProxy's checks take it out (5 s apart, 3 failures),
        // new connections sent its way are redispatched ("option redispatch" of the shipped file): none fails
        long dead = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ClusterScript.answers(cluster.nodeSmtp(3)) && System.nanoTime() < dead) {
            Thread.sleep(20);
        }
        assertThat(ClusterScript.answers(cluster.nodeSmtp(3))).as("node3's SMTP port refuses").isFalse();
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            send("after the kill " + i); // fails the test if any connection breaks
        }
        System.out.printf("ClusterScriptIT: 20 messages through HAProxy in %d ms after node3 died, none refused%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        ClusterScript.Result status = cluster.run(Duration.ofMinutes(1), "status");
        assertThat(status.exitCode()).as("status fails while a node is down").isEqualTo(1);
        assertThat(status.out()).contains("node3 DOWN", "node1 up", "node2 up");
        try (ImapDialogue reader = new ImapDialogue(cluster.imap(), "127.0.0.1")) {
            assertThat(reader.login(ALICE, PASSWORD)).startsWith("OK");
            assertThat(reader.selectWhenItHolds("INBOX", 21)).contains("* 21 EXISTS");
        }

        ClusterScript.Result again = cluster.run(Duration.ofMinutes(4), "start");
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).contains("node3 up");
        assertThat(cluster.run(Duration.ofMinutes(1), "status").exitCode()).isZero();

        List<Long> pids = cluster.recordedPids();
        assertThat(pids).as("three nodes, RabbitMQ and its wrapper, Redis, HAProxy and PostgreSQL recorded their pids")
                .hasSize(8);
        ClusterScript.Result stopped = cluster.run(Duration.ofMinutes(3), "stop");
        assertThat(stopped.exitCode()).as(stopped.out()).isZero();
        List<Integer> listening = new ArrayList<>();
        for (int port = cluster.base; port < cluster.base + 400; port++) {
            if (ClusterScript.answers(port)) {
                listening.add(port);
            }
        }
        assertThat(listening).as("no listener of the cluster left").isEmpty();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Long> alive = pids;
        while (!alive.isEmpty() && System.nanoTime() < until) {
            alive = pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
            Thread.sleep(200);
        }
        assertThat(alive).as("no process of the cluster left (10 s after stop returned)").isEmpty();
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(cluster.dir.toString())).toList()).as("nothing else run from its directory")
                .isEmpty();
    }

    static void send(String subject) throws IOException {
        try (SmtpDialogue mx = new SmtpDialogue(cluster.smtp(), "127.0.0.1")) {
            assertThat(mx.greetAndEhlo()).startsWith("250");
            mx.sendMessage("bob@elsewhere.test", ALICE, "From: bob@elsewhere.test\r\nTo: " + ALICE + "\r\nSubject: "
                    + subject + "\r\n\r\nHello.");
        }
    }
}
