package org.facteur.mailserver.spam;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A private Rspamd for tests, from Debian's {@code rspamd} package, with Debian's whole configuration and a few local
 * overrides in a temporary directory: its normal worker and controller on free ports of 127.0.0.1 (the controller trusts
 * 127.0.0.1, so learning needs no password), Bayes in the given Redis (database 7), no DNS (every lookup fails at once),
 * no greylisting, and one rule: a Subject containing {@code junk-me} scores 8, over the {@code add header} threshold (6),
 * so a test can make a message spam that is not rejected. Runs as {@code _rspamd} under root (Rspamd refuses root).
 */
public final class RspamdServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/rspamd");

    private final Path dir;
    private final Process process;
    private final int normalPort;
    private final int controllerPort;

    private RspamdServer(Path dir, Process process, int normalPort, int controllerPort) {
        this.dir = dir;
        this.process = process;
        this.normalPort = normalPort;
        this.controllerPort = controllerPort;
    }

    public static RspamdServer start(int redisPort) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("This test needs Debian's rspamd (apt-get install -y rspamd; ./facteur test installs it)");
        }
        Path dir = Files.createTempDirectory("facteur-rspamd");
        int normal = freePort();
        int controller = freePort();
        int proxy = freePort();
        Path local = dir.resolve("local.d");
        Files.createDirectories(local);
        for (String sub : List.of("db", "run", "log")) {
            Files.createDirectories(dir.resolve(sub));
        }
        write(local.resolve("worker-normal.inc"), "bind_socket = \"127.0.0.1:" + normal + "\";\ncount = 1;\n");
        write(local.resolve("worker-controller.inc"), "bind_socket = \"127.0.0.1:" + controller + "\";\nsecure_ip = \"127.0.0.1\";\ncount = 1;\n");
        write(local.resolve("worker-proxy.inc"), "bind_socket = \"127.0.0.1:" + proxy + "\";\n");
        write(local.resolve("worker-fuzzy.inc"), "count = -1;\n");
        write(local.resolve("options.inc"), "dns { nameserver = [\"127.0.0.1:1\"]; timeout = 0.1s; retransmits = 0; }\n");
        write(local.resolve("redis.conf"), "servers = \"127.0.0.1:" + redisPort + "\";\ndb = \"7\";\n");
        write(local.resolve("classifier-bayes.conf"), "min_learns = 1;\nmin_tokens = 5;\n");
        write(local.resolve("greylist.conf"), "enabled = false;\n");
        write(local.resolve("fuzzy_check.conf"), "enabled = false;\n");
        write(local.resolve("actions.conf"), "reject = 15;\nadd_header = 6;\nrewrite_subject = null;\ngreylist = null;\n");
        write(dir.resolve("junk-subjects.map"), "/junk-me/i\n");
        write(local.resolve("multimap.conf"), "FACTEUR_TEST_JUNK {\n  type = \"header\";\n  header = \"Subject\";\n  regexp = true;\n"
                + "  map = \"" + dir.resolve("junk-subjects.map") + "\";\n  score = 8.0;\n}\n");
        write(local.resolve("logging.inc"), "type = \"console\";\nlevel = \"warning\";\n");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-f", "-c", "/etc/rspamd/rspamd.conf",
                "--var", "LOCAL_CONFDIR=" + dir, "--var", "DBDIR=" + dir.resolve("db"), "--var", "RUNDIR=" + dir.resolve("run"),
                "--var", "LOGDIR=" + dir.resolve("log")));
        if (isRoot()) {
            command.addAll(List.of("-u", "_rspamd", "-g", "_rspamd"));
            new ProcessBuilder("chown", "-R", "_rspamd:_rspamd", dir.toString()).inheritIO().start().waitFor();
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("rspamd.out").toFile()).start();
        RspamdServer server = new RspamdServer(dir, process, normal, controller);
        // if the test JVM ends without close() (a failed start of the class, a killed build), Rspamd goes with it
        Runtime.getRuntime().addShutdownHook(new Thread(server::kill));
        server.awaitReady(Duration.ofMinutes(4));
        return server;
    }

    public URI checkUrl() {
        return URI.create("http://127.0.0.1:" + normalPort);
    }

    public URI controllerUrl() {
        return URI.create("http://127.0.0.1:" + controllerPort);
    }

    /** How many messages the controller has learned (its {@code /stat}). */
    public long learned() throws IOException, InterruptedException {
        return new ObjectMapper().readTree(get(controllerUrl().resolve("/stat"))).path("learned").asLong();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rspamd exited: " + Files.readString(dir.resolve("rspamd.out")));
            }
            try {
                if (get(checkUrl().resolve("/ping")).strip().equals("pong") && get(controllerUrl().resolve("/ping")).strip().equals("pong")) {
                    return;
                }
            } catch (IOException notYet) {
                // still loading its configuration
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("rspamd did not answer within " + timeout + ": " + Files.readString(dir.resolve("rspamd.out")));
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    private void kill() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
