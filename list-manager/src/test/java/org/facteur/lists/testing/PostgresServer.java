package org.facteur.lists.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for tests: the one the machine runs on 127.0.0.1:5432 when there is one (trust
 * authentication as {@code postgres}; each test database gets a unique name and is dropped afterwards), else a
 * private server started from the Debian binaries ({@code postgresql} package, which {@code .ci/run} installs)
 * in a temporary directory on a free port, and removed afterwards. PostgreSQL refuses to run as root, so under
 * root the private server runs as the {@code postgres} system user the package creates.
 */
public final class PostgresServer implements AutoCloseable {
    private static final String SHARED_URL = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String SHARED_USER = "postgres";

    private final Path dir;
    private final Path bin;
    private final int port;
    private final String user;
    private final List<String> created = new ArrayList<>();
    private int databases;

    private PostgresServer(Path dir, Path bin, int port, String user) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.user = user;
    }

    /** The machine's server on 127.0.0.1:5432 if it answers, else a private one. */
    public static PostgresServer start() throws IOException, InterruptedException {
        if (!"private".equals(System.getProperty("facteur.test.postgres"))) {
            try (Connection c = DriverManager.getConnection(SHARED_URL + "postgres", SHARED_USER, "")) {
                return new PostgresServer(null, null, 5432, SHARED_USER);
            } catch (SQLException notRunning) {
                // no shared server: start our own below
            }
        }
        return startPrivate();
    }

    /** A private server from the Debian binaries, whatever else runs on the machine. */
    public static PostgresServer startPrivate() throws IOException, InterruptedException {
        Path bin = findBinaries();
        Path dir = Files.createTempDirectory("facteur-pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(dir, bin, port, "facteur");
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        server.asOwner(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "facteur",
                "--auth=trust", "-E", "UTF8", "--no-sync"));
        server.asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
                "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -h 127.0.0.1 -k " + dir + " -F -c fsync=off -c full_page_writes=off", "start"));
        return server;
    }

    /** A fresh, empty database on this server. */
    public DataSource newDatabase() throws SQLException {
        String name = newDatabaseName();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url(name));
        ds.setUser(user);
        return ds;
    }

    /** Creates a fresh, empty database and returns its name (its URL is {@link #url(String)}, user {@link #user()}). */
    public synchronized String newDatabaseName() throws SQLException {
        String name = "facteur_test_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 1_000_000_000L + "_" + (++databases);
        try (Connection c = DriverManager.getConnection(url("postgres"), user, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        created.add(name);
        return name;
    }

    public String user() {
        return user;
    }

    /** Whether this is the machine's own server (shared) rather than a private one. */
    public boolean shared() {
        return dir == null;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (shared()) {
            try (Connection c = DriverManager.getConnection(url("postgres"), user, ""); Statement s = c.createStatement()) {
                for (String name : created) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            } catch (SQLException e) {
                throw new IOException("Could not drop the test databases " + created, e);
            }
            return;
        }
        try {
            asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void asOwner(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("PostgreSQL command failed: " + String.join(" ", command) + "\n" + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path findBinaries() throws IOException {
        List<Path> candidates = new ArrayList<>();
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin")).sorted(Comparator.reverseOrder()).forEach(candidates::add);
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            candidates.add(Path.of(entry));
        }
        return candidates.stream().filter(p -> Files.isExecutable(p.resolve("initdb")) && Files.isExecutable(p.resolve("pg_ctl")))
                .findFirst()
                .orElseThrow(() -> new IOException("PostgreSQL is not installed: no initdb/pg_ctl in /usr/lib/postgresql/*/bin or PATH."
                        + " Install it with: apt-get install -y postgresql"));
    }
}
