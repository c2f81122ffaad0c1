package org.facteur.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.facteur.mailserver.MailServerSettings;

/**
 * The packaged Facteur ({@code target/facteur.jar}) run as a real process, configured only through
 * FACTEUR_* variables, as a user would run it.
 */
public final class FacteurProcess implements AutoCloseable {
    /** The repository root (tests run in deploy/, the benchmark from the root). */
    public static final Path ROOT = Files.isRegularFile(Path.of("facteur").toAbsolutePath())
            ? Path.of("").toAbsolutePath() : Path.of("..").toAbsolutePath().normalize();
    public static final Path JAR = ROOT.resolve("deploy/target/facteur.jar");

    public final Path dataDir;
    public final Map<String, String> env = new HashMap<>();
    public final int smtp;
    public final int submission;
    public final int smtps;
    public final int imap;
    public final int imaps;
    public final int http;
    public final int metrics;
    /** The JVM's options; tests keep the heap small, a benchmark sets what {@code ./facteur start} uses. */
    public final List<String> javaOptions = new ArrayList<>(List.of("-Xmx512m"));
    private Process process;
    private Path log;

    public FacteurProcess(Path dataDir, Map<String, String> extraEnv) {
        this.dataDir = dataDir;
        env.put("FACTEUR_DATA_DIR", dataDir.toString());
        env.put("FACTEUR_HOSTNAME", "mail.facteur.test");
        env.put("FACTEUR_BIND_ADDRESS", "127.0.0.1");
        env.put("FACTEUR_HTTP_BIND", "127.0.0.1");
        env.put("FACTEUR_SMTP_PORT", Integer.toString(freePort()));
        env.put("FACTEUR_SUBMISSION_PORT", Integer.toString(freePort()));
        env.put("FACTEUR_SMTPS_PORT", Integer.toString(freePort()));
        env.put("FACTEUR_IMAP_PORT", Integer.toString(freePort()));
        env.put("FACTEUR_IMAPS_PORT", Integer.toString(freePort()));
        env.put("FACTEUR_HTTP_PORT", Integer.toString(freePort()));
        env.put("FACTEUR_METRICS_PORT", Integer.toString(freePort()));
        env.putAll(extraEnv);
        smtp = port("FACTEUR_SMTP_PORT");
        submission = port("FACTEUR_SUBMISSION_PORT");
        smtps = port("FACTEUR_SMTPS_PORT");
        imap = port("FACTEUR_IMAP_PORT");
        imaps = port("FACTEUR_IMAPS_PORT");
        http = port("FACTEUR_HTTP_PORT");
        metrics = port("FACTEUR_METRICS_PORT");
    }

    private int port(String variable) {
        return Integer.parseInt(env.get(variable));
    }

    /** The mail ports this process listens on. */
    public MailServerSettings.Ports ports() {
        return new MailServerSettings.Ports(smtp, submission, smtps, imap, imaps);
    }

    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Starts {@code java OPTIONS -jar target/facteur.jar} (Boot's fat jar, no start-up cache) and waits for /health. */
    public FacteurProcess start() throws Exception {
        begin();
        waitUntilHealthy(Duration.ofSeconds(180));
        return this;
    }

    /** Launches {@code java OPTIONS -jar target/facteur.jar} like {@link #start()}, without waiting for anything. */
    public FacteurProcess begin() throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run 'mvn package' first");
        }
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        launch(command, Map.of());
        return this;
    }

    /**
     * Starts Facteur with {@code ./facteur start}, the command a user types: the jar extracted and, where
     * {@code ./facteur build} recorded one for this JDK, its ahead-of-time cache; {@link #javaOptions} go in
     * {@code FACTEUR_JAVA_OPTS} (when empty, the script's own defaults apply). The script execs the JVM, so
     * {@link #pid()} is the server's.
     */
    public FacteurProcess startAsUserWould() throws Exception {
        // always set, so that this test run's own environment never chooses; empty is the script's defaults
        launch(List.of(ROOT.resolve("facteur").toString(), "start"), Map.of(
                "FACTEUR_JAVA_OPTS", String.join(" ", javaOptions),
                "JAVA_HOME", Path.of(java()).getParent().getParent().toString()));
        waitUntilHealthy(Duration.ofSeconds(180));
        return this;
    }

    private void launch(List<String> command, Map<String, String> launcherEnv) throws Exception {
        Files.createDirectories(dataDir);
        log = Files.createTempFile("facteur-it", ".log");
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().putAll(launcherEnv);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        process = pb.start();
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void waitUntilHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Facteur exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> health = get("/health");
                if (health.statusCode() == 200) {
                    return;
                }
                last = health.statusCode() + " " + health.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Facteur not healthy after " + timeout + " (last health: " + last + "):\n" + log());
    }

    /** Runs {@code ./facteur admin ARGS}, the command a user types. */
    public Result admin(String... args) throws Exception {
        return admin(Map.of(), args);
    }

    /** Runs {@code ./facteur admin ARGS} with these variables in its environment too (e.g. FACTEUR_DNS_SERVERS). */
    public Result admin(Map<String, String> environment, String... args) throws Exception {
        Path script = ROOT.resolve("facteur");
        List<String> cmd = new ArrayList<>(List.of(script.toString(), "admin"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("FACTEUR_DATA_DIR", dataDir.toString());
        pb.environment().put("JAVA_HOME", Path.of(java()).getParent().getParent().toString());
        pb.environment().putAll(environment);
        Path out = Files.createTempFile("admin", ".out");
        Path err = Files.createTempFile("admin", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("admin command hung: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    public record Result(int exitCode, String out, String err) {
    }

    /** Runs {@code ./facteur ARGS} (backup, restore...) with {@code FACTEUR_DATA_DIR} set to {@code data}, as a user would. */
    public static Result script(Path data, Duration timeout, String... args) throws Exception {
        return script(data, Map.of(), timeout, args);
    }

    /** As {@link #script(Path, Duration, String...)}, with these variables in its environment too (FACTEUR_DATABASE_URL...). */
    public static Result script(Path data, Map<String, String> environment, Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("facteur").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        pb.environment().put("FACTEUR_DATA_DIR", data.toString());
        pb.environment().put("JAVA_HOME", Path.of(java()).getParent().getParent().toString());
        pb.environment().putAll(environment);
        Path out = Files.createTempFile("facteur", ".out");
        Path err = Files.createTempFile("facteur", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd + " did not finish within " + timeout);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, like a power cut of the JVM. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as systemd or Ctrl-C would; returns the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Facteur did not stop within " + timeout);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** See {@link org.facteur.mailserver.TestMailServers#freePort}: below the ephemeral range, never twice. */
    public static int freePort() {
        return org.facteur.mailserver.TestMailServers.freePort();
    }
}
