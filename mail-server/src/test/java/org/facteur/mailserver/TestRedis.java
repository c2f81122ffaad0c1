package org.facteur.mailserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import org.facteur.mailserver.login.RedisUri;

/**
 * A real Redis for tests: the machine's on 127.0.0.1:6379 when it answers PING, otherwise a private
 * {@code redis-server} (Debian's package {@code redis-server}, installed by {@code .ci/run}) started on a free port
 * without persistence, stopped when the JVM exits. Tests share it and keep apart by key prefix ({@link #freshPrefix}).
 */
public final class TestRedis {
    static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
    private static TestRedis shared;

    private final int port;
    private final Process process;

    private TestRedis(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** The machine's Redis if it answers, else one private server for this JVM. */
    public static synchronized TestRedis shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = answersPing(6379) ? new TestRedis(6379, null) : startPrivate();
        }
        return shared;
    }

    /** A private {@code redis-server} of its own, for a test that stops it ({@link #stop}). */
    public static TestRedis startPrivate() throws IOException, InterruptedException {
        return startPrivate(List.of());
    }

    /** A private server with extra options, such as {@code --requirepass secret}. */
    public static TestRedis startPrivate(List<String> options) throws IOException, InterruptedException {
        return startPrivate(freePort(), options);
    }

    /** A private server on {@code port}: to bring back one that a test stopped. */
    public static TestRedis startPrivate(int port, List<String> options) throws IOException, InterruptedException {
        if (!Files.isExecutable(REDIS_SERVER)) {
            throw new IllegalStateException(REDIS_SERVER + " is missing: apt-get install redis-server (.ci/run does)");
        }
        List<String> command = new java.util.ArrayList<>(List.of(REDIS_SERVER.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", ""));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        TestRedis redis = new TestRedis(port, process);
        Runtime.getRuntime().addShutdownHook(new Thread(redis::stop));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!redis.listening(options)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                redis.stop();
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            Thread.sleep(50);
        }
        return redis;
    }

    public int port() {
        return port;
    }

    public RedisUri uri() {
        return RedisUri.parse("redis://127.0.0.1:" + port + "/0");
    }

    /** A key prefix no other test uses, so runs and tests never see each other's counters. */
    public static String freshPrefix() {
        return "facteur-test:" + UUID.randomUUID() + ":";
    }

    /** The keys under {@code prefix}. */
    public List<String> keys(String prefix) {
        RedisClient client = RedisClient.create(uri().toString());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> keys = new java.util.ArrayList<>();
            ScanIterator.scan(c.sync(), ScanArgs.Builder.matches(escape(prefix) + "*").limit(1000)).forEachRemaining(keys::add);
            return keys;
        } finally {
            client.shutdown();
        }
    }

    /** Runs {@code action} on a plain connection. */
    public <T> T with(java.util.function.Function<RedisCommands<String, String>, T> action) {
        RedisClient client = RedisClient.create(uri().toString());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return action.apply(c.sync());
        } finally {
            client.shutdown();
        }
    }

    /** Deletes what a test left under {@code prefix}. */
    public void deleteKeys(String prefix) {
        List<String> keys = keys(prefix);
        if (!keys.isEmpty()) {
            with(redis -> redis.del(keys.toArray(String[]::new)));
        }
    }

    /** Stops a private server (the machine's is left alone). */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean listening(List<String> options) {
        // With --requirepass, PING answers -NOAUTH: a reply at all means it listens.
        return options.contains("--requirepass") ? answers(port) : answersPing(port);
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int n = in.readNBytes(reply, 0, 7);
            return new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static String escape(String glob) {
        return glob.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
