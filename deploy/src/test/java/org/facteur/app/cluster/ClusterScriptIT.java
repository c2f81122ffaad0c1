package org.facteur.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.SmtpDialogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/cluster/cluster.sh} as a user runs it (#14 item 7): three packaged nodes, private PostgreSQL, RabbitMQ
 * and Redis servers from Debian's packages and HAProxy from the shipped file, on loopback ports of their own. Mail sent
 * through HAProxy reaches an IDLE session on each node; once a node killed with SIGKILL is gone, and before HAProxy's
 * checks notice, no new connection fails (HAProxy sends a refused connection to another node) and no message is lost; {@code start} brings it back; {@code stop} leaves no
 * listener and no process behind.
 */
class ClusterScriptIT {
    static final Path SCRIPT = FacteurProcess.ROOT.resolve("deploy/cluster/cluster.sh");
    static final String ALICE = "alice@example.org";
    static final String PASSWORD = "S3cret-cluster-42";
    static final Duration PATIENCE = Duration.ofSeconds(10);

    static Path dir;
    static int base;

    @BeforeAll
    static void start() throws Exception {
        // not JUnit's owner-only temporary directory: PostgreSQL runs as the postgres user and must reach its files
        dir = Files.createTempDirectory("facteur-cluster-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        base = freeBase();
        Result started = cluster(Duration.ofMinutes(8), "start");
        assertThat(started.exitCode()).as(started.out()).isZero();
        System.out.printf("ClusterScriptIT: three nodes, PostgreSQL, RabbitMQ, Redis and HAProxy started in %d s%n",
                started.took().toSeconds());
        assertThat(cluster(Duration.ofMinutes(1), "admin", "node1", "domain", "add", "example.org").exitCode()).isZero();
        assertThat(cluster(Duration.ofMinutes(1), "admin", "node2", "user", "add", ALICE, "--password", PASSWORD).exitCode())
                .isZero();
    }

    @AfterAll
    static void destroy() throws Exception {
        if (dir != null) {
            Result destroyed = cluster(Duration.ofMinutes(3), "destroy");
            assertThat(destroyed.exitCode()).as(destroyed.out()).isZero();
        }
    }

    @Test
    void mailThroughHaproxyReachesEveryNodeAndSurvivesTheDeathOfOne() throws Exception {
        int smtp = base + 25;
        int imap = base + 43;
        List<ImapDialogue> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                ImapDialogue session = new ImapDialogue(imap, "127.0.0.1", PATIENCE.multipliedBy(2));
                sessions.add(session);
                assertThat(session.login(ALICE, PASSWORD)).startsWith("OK");
                assertThat(session.command("SELECT INBOX")).contains("* 0 EXISTS");
                session.write("i2 IDLE\r\n");
                assertThat(session.readUntil("+")).startsWith("+");
            }
            for (int n = 1; n <= 3; n++) {
                assertThat(Files.readString(dir.resolve("node" + n + "/facteur.log")))
                        .as("HAProxy (leastconn) gave node%d one of the three sessions", n)
                        .contains("IMAP login succeeded for " + ALICE);
            }
            send(smtp, "to every node");
            for (ImapDialogue session : sessions) {
                assertThat(session.readUntil("* 1 EXISTS")).as("each node's IDLE session hears of it").contains("* 1 EXISTS");
            }
        } finally {
            for (ImapDialogue session : sessions) {
                session.close();
            }
        }

        Result killed = cluster(Duration.ofMinutes(1), "kill", "node3");
        assertThat(killed.exitCode()).as(killed.out()).isZero();
        // once node3's port refuses (its process gone), and before HAProxy's checks take it out (5 s apart, 3 failures),
        // new connections sent its way are redispatched ("option redispatch" of the shipped file): none fails
        long dead = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (answers(base + 325) && System.nanoTime() < dead) {
            Thread.sleep(20);
        }
        assertThat(answers(base + 325)).as("node3's SMTP port refuses").isFalse();
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            send(smtp, "after the kill " + i); // fails the test if any connection breaks
        }
        System.out.printf("ClusterScriptIT: 20 messages through HAProxy in %d ms after node3 died, none refused%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        Result status = cluster(Duration.ofMinutes(1), "status");
        assertThat(status.exitCode()).as("status fails while a node is down").isEqualTo(1);
        assertThat(status.out()).contains("node3 DOWN", "node1 up", "node2 up");
        try (ImapDialogue reader = new ImapDialogue(imap, "127.0.0.1")) {
            assertThat(reader.login(ALICE, PASSWORD)).startsWith("OK");
            assertThat(reader.selectWhenItHolds("INBOX", 21)).contains("* 21 EXISTS");
        }

        Result again = cluster(Duration.ofMinutes(4), "start");
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).contains("node3 up");
        assertThat(cluster(Duration.ofMinutes(1), "status").exitCode()).isZero();

        List<Long> pids = recordedPids();
        assertThat(pids).as("three nodes, RabbitMQ, Redis, HAProxy and PostgreSQL recorded their pids").hasSize(7);
        Result stopped = cluster(Duration.ofMinutes(3), "stop");
        assertThat(stopped.exitCode()).as(stopped.out()).isZero();
        List<Integer> listening = new ArrayList<>();
        for (int port = base; port < base + 400; port++) {
            if (answers(port)) {
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
                .filter(line -> line.contains(dir.toString())).toList()).as("nothing else run from its directory").isEmpty();
    }

    /** The pids the script recorded (nodes, RabbitMQ, Redis, HAProxy) and PostgreSQL's postmaster. */
    static List<Long> recordedPids() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String file : List.of("node1/facteur.pid", "node2/facteur.pid", "node3/facteur.pid", "rabbitmq/pid",
                "redis/pid", "haproxy/pid", "postgres/data/postmaster.pid")) {
            Path f = dir.resolve(file);
            if (Files.exists(f)) {
                pids.add(Long.parseLong(Files.readAllLines(f).get(0).strip()));
            }
        }
        return pids;
    }

    static void send(int port, String subject) throws IOException {
        try (SmtpDialogue mx = new SmtpDialogue(port, "127.0.0.1")) {
            assertThat(mx.greetAndEhlo()).startsWith("250");
            mx.sendMessage("bob@elsewhere.test", ALICE, "From: bob@elsewhere.test\r\nTo: " + ALICE + "\r\nSubject: "
                    + subject + "\r\n\r\nHello.");
        }
    }

    record Result(int exitCode, String out, Duration took) {
    }

    static Result cluster(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(Map.of("FACTEUR_CLUSTER_DIR", dir.toString(),
                "FACTEUR_CLUSTER_PORT_BASE", Integer.toString(base), "FACTEUR_CLUSTER_NODES", "3",
                "JAVA_HOME", Path.of(FacteurProcess.java()).getParent().getParent().toString()));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("cluster", ".out");
        pb.redirectOutput(out.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        assertThat(done).as("cluster.sh %s finished within %s: %s", String.join(" ", args), timeout, text).isTrue();
        return new Result(p.exitValue(), text, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** A base whose 400 ports are all free on loopback. */
    static int freeBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(200, 560) * 100;
            boolean free = true;
            for (int port = candidate; port < candidate + 400 && free; port++) {
                try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return candidate;
            }
        }
        throw new IOException("no range of 400 free ports found");
    }

    static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
