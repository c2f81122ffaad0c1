package org.facteur.app.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.facteur.app.FacteurProcess;
import org.facteur.lists.testing.PostgresServer;

/**
 * Two packaged Facteur nodes ({@code node1}, {@code node2}) on one fresh PostgreSQL database, each with its own data
 * directory under {@code dir}, behind a real HAProxy run from a copy of the shipped {@code deploy/haproxy/haproxy.cfg}:
 * loopback ports for its fronts ({@link #front}), the nodes' ports in its {@code server} lines, checks every half
 * second, the PROXY protocol on. Before node2 starts, node1 serves example.org with alice@example.org.
 */
final class HaproxyCluster implements AutoCloseable {
    static final String ALICE = "alice@example.org";

    /** The shipped file's public port (443, 80, 25, 587, 465, 143, 993) → the loopback port HAProxy listens on here. */
    final Map<Integer, Integer> front = Map.of(443, FacteurProcess.freePort(), 80, FacteurProcess.freePort(),
            25, FacteurProcess.freePort(), 587, FacteurProcess.freePort(), 465, FacteurProcess.freePort(),
            143, FacteurProcess.freePort(), 993, FacteurProcess.freePort());
    final Map<String, FacteurProcess> nodes = new LinkedHashMap<>();
    final Path haproxyLog;
    private Process haproxy;

    private HaproxyCluster(Path dir) {
        this.haproxyLog = dir.resolve("haproxy.log");
    }

    /** Starts both nodes with {@code sharedEnv} (Redis, RabbitMQ...) added to what the cluster needs, then HAProxy. */
    static HaproxyCluster start(Path dir, Map<String, String> sharedEnv, String alicePassword) throws Exception {
        HaproxyCluster cluster = new HaproxyCluster(dir);
        try {
            cluster.startNodes(dir, sharedEnv, alicePassword);
            cluster.startHaproxy(dir);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    private void startNodes(Path dir, Map<String, String> sharedEnv, String alicePassword) throws Exception {
        PostgresServer postgres = PostgresServer.start();
        Map<String, String> shared = new HashMap<>(sharedEnv);
        shared.putAll(Map.of("FACTEUR_DATABASE_URL", postgres.url(postgres.newDatabaseName()),
                "FACTEUR_DATABASE_USER", postgres.user(), "FACTEUR_PROXY_PROTOCOL", "true",
                "FACTEUR_TRUSTED_PROXIES", "127.0.0.1/32"));
        for (String name : List.of("node1", "node2")) {
            Map<String, String> env = new HashMap<>(shared);
            env.put("FACTEUR_NODE_NAME", name);
            FacteurProcess node = new FacteurProcess(dir.resolve(name), env);
            nodes.put(name, node);
            node.start();
            if (name.equals("node1")) {
                assertThat(node.admin("domain", "add", "example.org").exitCode()).isZero();
                assertThat(node.admin("user", "add", ALICE, "--password", alicePassword).exitCode()).isZero();
            }
        }
    }

    private void startHaproxy(Path dir) throws Exception {
        ShippedHaproxyConfig config = ShippedHaproxyConfig.read()
                .withCertificate(ShippedHaproxyConfig.selfSignedPem(dir))
                .replaceAll("^\\s*(chroot|user|group|daemon|stats socket)\\b.*\\n", m -> "")
                .replace("log /dev/log local0", "log stdout format raw local0")
                .replace("default-server inter 5s fall 3 rise 2", "default-server inter 500ms fall 2 rise 1")
                .replaceAll("^(\\s*bind ):(\\d+)", m -> m.group(1) + "127.0.0.1:" + front.get(Integer.parseInt(m.group(2))))
                .replaceAll("^\\s*server node3 .*\\n", m -> "");
        for (var node : nodes.entrySet()) {
            FacteurProcess f = node.getValue();
            Map<Integer, Integer> ports = Map.of(2525, f.smtp, 2587, f.submission, 2465, f.smtps, 2143, f.imap,
                    2993, f.imaps, 8080, f.http);
            config.replaceAll("^(\\s*server " + node.getKey() + " )10\\.0\\.0\\.1\\d:(\\d+)",
                    m -> m.group(1) + "127.0.0.1:" + ports.get(Integer.parseInt(m.group(2))));
        }
        Path cfg = config.writeTo(dir);
        FacteurProcess.Result check = ShippedHaproxyConfig.check(cfg);
        assertThat(check.exitCode()).as(check.out()).isZero();
        haproxy = new ProcessBuilder(ShippedHaproxyConfig.HAPROXY.toString(), "-db", "-f", cfg.toString())
                .redirectErrorStream(true).redirectOutput(haproxyLog.toFile()).start();
    }

    @Override
    public void close() throws Exception {
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        }
        for (FacteurProcess node : nodes.values()) {
            node.close();
        }
    }
}
