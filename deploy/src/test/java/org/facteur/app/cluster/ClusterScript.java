package org.facteur.app.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.facteur.app.FacteurProcess;

/**
 * {@code deploy/cluster/cluster.sh} run from Java, for {@link ClusterScriptIT} and the cluster benchmark: a directory
 * of its own (others may enter it: PostgreSQL runs as the postgres user) and a base of 400 free loopback ports.
 */
public final class ClusterScript {
    static final Path SCRIPT = FacteurProcess.ROOT.resolve("deploy/cluster/cluster.sh");

    /** What one run of the script printed, its exit code and how long it took. */
    public record Result(int exitCode, String out, Duration took) {
        public Result orThrow() {
            if (exitCode != 0) {
                throw new IllegalStateException("cluster.sh failed (exit " + exitCode + "): " + out);
            }
            return this;
        }
    }

    public final Path dir;
    public final int base;
    public final int nodes;

    private ClusterScript(Path dir, int base, int nodes) {
        this.dir = dir;
        this.base = base;
        this.nodes = nodes;
    }

    /** A cluster of {@code nodes} nodes, not started yet. */
    public static ClusterScript of(int nodes) throws IOException {
        Path dir = Files.createTempDirectory("facteur-cluster");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new ClusterScript(dir, freeBase(), nodes);
    }

    /** HAProxy's SMTP front. */
    public int smtp() {
        return base + 25;
    }

    /** HAProxy's IMAP front (STARTTLS). */
    public int imap() {
        return base + 43;
    }

    /** Node {@code n}'s own SMTP port (it requires the PROXY protocol). */
    public int nodeSmtp(int n) {
        return base + 100 * n + 25;
    }

    public Result run(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("FACTEUR_CLUSTER_DIR", dir.toString());
        pb.environment().put("FACTEUR_CLUSTER_PORT_BASE", Integer.toString(base));
        pb.environment().put("FACTEUR_CLUSTER_NODES", Integer.toString(nodes));
        pb.environment().put("JAVA_HOME", Path.of(FacteurProcess.java()).getParent().getParent().toString());
        Path out = Files.createTempFile("cluster", ".out");
        try {
            pb.redirectOutput(out.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " did not finish within " + timeout
                        + ": " + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The pid recorded in {@code file} under the cluster's directory (its first line), if there is one. */
    public List<Long> pid(String file) throws IOException {
        Path f = dir.resolve(file);
        return Files.exists(f) ? List.of(Long.parseLong(Files.readAllLines(f).get(0).strip())) : List.of();
    }

    public List<Long> nodePid(int n) throws IOException {
        return pid("node" + n + "/facteur.pid");
    }

    /** The pids the script recorded (nodes, RabbitMQ and its wrapper script, Redis, HAProxy) and PostgreSQL's postmaster. */
    public List<Long> recordedPids() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (int n = 1; n <= nodes; n++) {
            pids.addAll(nodePid(n));
        }
        for (String file : List.of("rabbitmq/pid", "rabbitmq/wrapper.pid", "redis/pid", "haproxy/pid",
                "postgres/data/postmaster.pid")) {
            pids.addAll(pid(file));
        }
        return pids;
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port}. */
    public static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A base whose 400 ports are all free on loopback, below Linux's ephemeral range (32768 and up), so that no
     * outgoing connection takes one of them between this check and the server that binds it.
     */
    static int freeBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(200, 323) * 100;
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
}
