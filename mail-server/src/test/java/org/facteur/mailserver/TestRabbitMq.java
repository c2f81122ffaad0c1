package org.facteur.mailserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.facteur.mailserver.events.RabbitMqSettings;

import com.rabbitmq.client.ConnectionFactory;

/**
 * A real RabbitMQ for tests: the machine's on 127.0.0.1:5672 when it accepts {@code guest}, otherwise a private
 * {@code rabbitmq-server} (Debian's package {@code rabbitmq-server}, installed by {@code .ci/run}) started on free
 * ports with its files in a temporary directory, stopped (and its directory removed) when the JVM exits. Tests share it; the relay's queues are
 * each node's own, so tests do not see each other's events unless they share a relay's exchange on purpose.
 */
public final class TestRabbitMq {
    static final Path RABBITMQ_SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static TestRabbitMq shared;

    private final int port;
    private final Process process;
    private final Path dir;

    private TestRabbitMq(int port, Process process, Path dir) {
        this.port = port;
        this.process = process;
        this.dir = dir;
    }

    /** The machine's RabbitMQ if it accepts guest, else one private server for this JVM. */
    public static synchronized TestRabbitMq shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = !"private".equals(System.getProperty("facteur.test.rabbitmq")) && accepts(5672)
                    ? new TestRabbitMq(5672, null, null) : startPrivate();
        }
        return shared;
    }

    /** A private {@code rabbitmq-server} of its own, for a test that stops it ({@link #stop}). */
    public static TestRabbitMq startPrivate() throws IOException, InterruptedException {
        return startPrivate(TestMailServers.freePort());
    }

    /** A private server on {@code port}: to bring back one that a test stopped. */
    public static TestRabbitMq startPrivate(int port) throws IOException, InterruptedException {
        if (!Files.isExecutable(RABBITMQ_SERVER)) {
            throw new IllegalStateException(RABBITMQ_SERVER + " is missing: apt-get install rabbitmq-server (.ci/run does)");
        }
        Path dir = Files.createTempDirectory("facteur-rabbitmq");
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
        Map<String, String> env = new HashMap<>(Map.of(
                "HOME", dir.toString(), // the Erlang cookie goes here
                "RABBITMQ_NODE_PORT", Integer.toString(port),
                "RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1",
                "RABBITMQ_DIST_PORT", Integer.toString(TestMailServers.freePort()),
                "RABBITMQ_NODENAME", "facteurtest" + port + "@localhost",
                "RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString(),
                "RABBITMQ_LOG_BASE", dir.resolve("log").toString(),
                "RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString(),
                "RABBITMQ_CONFIG_FILE", dir.resolve("none").toString()));
        // the Erlang distribution (and a port mapper it starts) on loopback only, like the AMQP port
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        ProcessBuilder builder = new ProcessBuilder(List.of(RABBITMQ_SERVER.toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        TestRabbitMq rabbit = new TestRabbitMq(port, process, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(rabbit::stop));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                rabbit.stop();
                throw new IllegalStateException("rabbitmq-server did not start on port " + port + ": see " + dir.resolve("server.log"));
            }
            Thread.sleep(200);
        }
        return rabbit;
    }

    public int port() {
        return port;
    }

    /** What {@code FACTEUR_RABBITMQ_URI} would hold. */
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port; // no path: the default virtual host
    }

    public RabbitMqSettings settings() {
        return RabbitMqSettings.parse(uri());
    }

    /** Stops a private server (the machine's is left alone). */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dir != null && (process == null || !process.isAlive())) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException e) {
            return false;
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setConnectionTimeout(2_000);
        try (com.rabbitmq.client.Connection c = factory.newConnection("facteur test probe")) {
            return c.isOpen();
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
