package org.facteur.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.ImapDialogue;

/**
 * Facteur side by side with the peer an association would pick instead, Postfix + Dovecot from Debian's packages
 * ({@link PostfixDovecot}), on this machine, with the same load and the same clients, the two servers taking turns.
 * Not a test: run it as root with {@code ./facteur bench peer}.
 *
 * <p>Each round delivers {@code --messages} messages of {@code --size} bytes over {@code --sessions} SMTP sessions with
 * Postfix's own load generator, {@code smtp-source}, into a fresh mailbox of each server (delivered = counted over
 * IMAP); fills another fresh mailbox with {@code --mailbox} messages the same way and times its first SELECT; then
 * times {@code --samples} FETCHes of the newest 50 messages (FLAGS ENVELOPE RFC822.SIZE) and as many
 * {@code STATUS (MESSAGES UNSEEN)} on it (from another connection, in a loop of its own), as many APPENDs of 1.3 KB from a client that leaves Nagle on, and {@code --logins} connections doing STARTTLS, LOGIN, SELECT and LOGOUT,
 * one request to each server in turn. Rounds alternate which server goes first. Start-up (launch to greeting, or to
 * {@code /health} for Facteur) and memory 20 s after it are measured once, one server at a time: Facteur started with
 * {@code ./facteur start}, as a user would (with the start-up cache {@code ./facteur build} records), and, on another
 * fresh data directory and stopped before, with {@code java -jar} on the fat jar (no cache).
 *
 * <p>Before the rounds, {@code --warmup} messages go to each server, not measured, so that Facteur's JIT has compiled
 * the hot paths (on 2 cores that takes most of a core for the first minute) and the peer has started its processes.
 * Likewise each round's FETCHes and STATUSes start with {@code --read-warmup} of each, not kept: 200 FETCHes of 50
 * messages are too few for the JIT to finish compiling the FETCH path, so without them the figures mostly timed the
 * compiler (a running server has long compiled it).
 *
 * <p>Options: --rounds R (3) --messages N (2000) --sessions S (8) --size BYTES (1024) --mailbox N (5000)
 * --samples N (1000) --logins N (30) --warmup N (1000) --read-warmup N (1000) --java-options "…" (-Xmx1g and the heap options, what {@code ./facteur start} uses; quote the value inside the arguments: --java-options "'-Xmx1g …'")
 * --env K=V (a FACTEUR_* setting for Facteur).
 */
public final class PeerBenchmark {
    static final String DOMAIN = "bench.test";
    static final String PASSWORD = "Bench-pass-1";
    private static final Pattern MESSAGES = Pattern.compile("MESSAGES (\\d+)");
    private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");

    /** One of the two servers, as the clients see it. */
    record Server(String name, int smtp, int imap, Callable<List<Long>> roots) {
        List<Long> pids() throws Exception {
            return roots.call();
        }
    }

    /** One delivery run: smtp-source's own time, the time until the last message was counted, and server CPU. */
    record Delivery(int messages, double sendSeconds, double deliverSeconds, double cpuSeconds, double settleSeconds) {
        double acceptedPerSecond() {
            return messages / sendSeconds;
        }

        double deliveredPerSecond() {
            return messages / deliverSeconds;
        }

        double cpuMsPerMessage() {
            return 1000 * cpuSeconds / messages;
        }
    }

    /** {@code ./facteur start}'s JVM options (the native heap trim where this JDK has it as a product option). */
    public static List<String> defaultJavaOptions() {
        Runtime.Version jdk = Runtime.version();
        boolean trim = jdk.feature() > 22 || (jdk.feature() == 22 && jdk.update() >= 1)
                || (jdk.feature() == 21 && jdk.update() >= 4);
        List<String> javaOptions = new ArrayList<>(List.of("-Xmx1g", "-XX:G1PeriodicGCInterval=5000",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:NewSize=64m", "-XX:-ClassUnloadingWithConcurrentMark"));
        if (trim) {
            javaOptions.add("-XX:TrimNativeHeapInterval=2000");
        }
        return javaOptions;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        int messages = 2000;
        int sessions = 8;
        int size = 1024;
        int mailbox = 5000;
        int samples = 1000; // with 200 a p95 was the 10th slowest: one collection or compile moved it
        int logins = 30;
        int warmup = 1000;
        int readWarmup = 1000;
        List<String> javaOptions = defaultJavaOptions();
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--sessions" -> sessions = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--mailbox" -> mailbox = Integer.parseInt(args[i + 1]);
                case "--samples" -> samples = Integer.parseInt(args[i + 1]);
                case "--logins" -> logins = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--read-warmup" -> readWarmup = Integer.parseInt(args[i + 1]);
                case "--java-options" -> javaOptions = List.of(args[i + 1].trim().split("\\s+"));
                case "--env" -> {
                    String[] kv = args[i + 1].split("=", 2);
                    env.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String missing = PostfixDovecot.missing();
        if (!missing.isEmpty()) {
            System.err.println("bench peer: " + missing);
            System.exit(2);
        }
        List<String> users = new ArrayList<>(List.of("warmup@" + DOMAIN));
        for (int r = 1; r <= rounds; r++) {
            users.add("d" + r + "@" + DOMAIN);
            users.add("m" + r + "@" + DOMAIN);
        }
        Path dir = Files.createTempDirectory("facteur-peer-bench");
        FacteurProcess facteur = new FacteurProcess(dir.resolve("facteur"), env);
        facteur.javaOptions.clear();
        facteur.javaOptions.addAll(javaOptions);
        PostfixDovecot peer = null;
        try {
            // Start-up and memory at rest, one server at a time so that neither slows the other's start. Facteur
            // twice, each on a fresh data directory: java -jar on Boot's fat jar (no start-up cache, the figure of
            // the earlier runs), stopped, then ./facteur start (what a user runs), which serves the rounds.
            double facteurJarReady;
            try (FacteurProcess jar = new FacteurProcess(dir.resolve("facteur-java-jar"), env)) {
                jar.javaOptions.clear();
                jar.javaOptions.addAll(javaOptions);
                long t = System.nanoTime();
                jar.start();
                facteurJarReady = seconds(t);
                jar.terminate(Duration.ofMinutes(1));
            }
            long t = System.nanoTime();
            facteur.startAsUserWould();
            double facteurReady = seconds(t);
            String launch = ProcessHandle.of(facteur.pid()).flatMap(h -> h.info().arguments())
                    .map(a -> java.util.Arrays.stream(a).anyMatch(o -> o.startsWith("-XX:AOTCache="))).orElse(false)
                    ? "with the start-up cache ./facteur build recorded" : "without a start-up cache (none recorded for this JDK)";
            Server f = new Server("Facteur", facteur.smtp, facteur.imap, () -> List.of(facteur.pid()));
            Thread.sleep(20_000);
            double[] facteurRest = memory(f);
            DeliveryBenchmark.check(facteur.admin("domain", "add", DOMAIN));
            for (String user : users) {
                DeliveryBenchmark.check(facteur.admin("user", "add", user, "--password", PASSWORD));
            }
            t = System.nanoTime();
            peer = PostfixDovecot.start(dir.resolve("peer"), DOMAIN, users, PASSWORD);
            double peerReady = seconds(t);
            Server p = new Server("Postfix + Dovecot", peer.smtp, peer.imap, peer::masterPids);
            Thread.sleep(20_000);
            double[] peerRest = memory(p);

            System.out.printf(Locale.ROOT, "Facteur side by side with Postfix %s + Dovecot %s, %d round(s), %d cores%n",
                    version("/usr/sbin/postconf", "-h", "mail_version"), version("/usr/sbin/dovecot", "--version"),
                    rounds, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "Facteur's JVM options: %s; its settings: defaults%s%n",
                    String.join(" ", javaOptions), env.isEmpty() ? "" : " and " + env);
            System.out.printf(Locale.ROOT, "./facteur start ran %s%n", launch);
            Table rest = new Table();
            rest.row("ready after launch, ./facteur start (s)", facteurReady, peerReady, "%.1f");
            rest.row("ready after launch, java -jar facteur.jar (no start-up cache) (s)", facteurJarReady, peerReady,
                    "%.1f");
            rest.row("RSS 20 s after start, all processes (MiB)", facteurRest[0], peerRest[0], "%.0f");
            rest.row("PSS 20 s after start, all processes (MiB)", facteurRest[1], peerRest[1], "%.0f");
            rest.print();

            if (warmup > 0) {
                // Not measured: the JIT compiles Facteur's hot paths, Postfix and Dovecot start their processes.
                for (Server s : new Server[] {f, p}) {
                    Delivery w = deliver(s, "warmup@" + DOMAIN, warmup, sessions, size);
                    System.out.printf(Locale.ROOT, "warm-up, not counted: %s delivered %,d at %.0f/s%n", s.name(),
                            warmup, w.deliveredPerSecond());
                }
            }
            List<Table> all = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                Server[] order = r % 2 == 1 ? new Server[] {f, p} : new Server[] {p, f};
                System.out.printf(Locale.ROOT, "%nRound %d (%s first)%n", r, order[0].name());
                Map<Server, Delivery> delivery = new HashMap<>();
                for (Server s : order) {
                    delivery.put(s, deliver(s, "d" + r + "@" + DOMAIN, messages, sessions, size));
                }
                Map<Server, Delivery> fill = new HashMap<>();
                Map<Server, Double> firstSelect = new HashMap<>();
                for (Server s : order) {
                    fill.put(s, deliver(s, "m" + r + "@" + DOMAIN, mailbox, sessions, size));
                    firstSelect.put(s, firstSelectMillis(s, "m" + r + "@" + DOMAIN, mailbox));
                }
                Map<Server, List<Double>> fetch = new HashMap<>();
                Map<Server, List<Double>> status = new HashMap<>();
                Map<Server, List<Double>> login = new HashMap<>();
                readLoad(order, "m" + r + "@" + DOMAIN, readWarmup, samples, logins, fetch, status, login);
                Map<Server, List<Double>> append = appends(order, "d" + r + "@" + DOMAIN, samples);

                Table table = new Table();
                table.row(String.format(Locale.ROOT, "delivered/s, %,d × %,d B, %d sessions", messages, size, sessions),
                        delivery.get(f).deliveredPerSecond(), delivery.get(p).deliveredPerSecond(), "%.0f");
                table.row("accepted/s (smtp-source's run)", delivery.get(f).acceptedPerSecond(),
                        delivery.get(p).acceptedPerSecond(), "%.0f");
                table.row("server CPU per delivered message, work after it included (ms)",
                        delivery.get(f).cpuMsPerMessage(), delivery.get(p).cpuMsPerMessage(), "%.1f");
                table.row("idle again after the last message was counted (s, 2 s steps)", delivery.get(f).settleSeconds(),
                        delivery.get(p).settleSeconds(), "%.1f");
                table.row(String.format(Locale.ROOT, "delivered/s filling a %,d-message INBOX", mailbox),
                        fill.get(f).deliveredPerSecond(), fill.get(p).deliveredPerSecond(), "%.0f");
                table.row("  idle again after it (s)", fill.get(f).settleSeconds(), fill.get(p).settleSeconds(), "%.1f");
                table.row("first SELECT of that INBOX (ms)", firstSelect.get(f), firstSelect.get(p), "%.1f");
                table.row("FETCH newest 50 (FLAGS ENVELOPE RFC822.SIZE) p50 (ms)", percentile(fetch.get(f), 50),
                        percentile(fetch.get(p), 50), "%.2f");
                table.row("FETCH newest 50 p95 (ms)", percentile(fetch.get(f), 95), percentile(fetch.get(p), 95), "%.2f");
                table.row("STATUS (MESSAGES UNSEEN) p50 (ms)", percentile(status.get(f), 50),
                        percentile(status.get(p), 50), "%.2f");
                table.row("STATUS p95 (ms)", percentile(status.get(f), 95), percentile(status.get(p), 95), "%.2f");
                table.row("APPEND 1.3 KB, Nagle on, literal and CRLF in two writes, p50 (ms)",
                        percentile(append.get(f), 50), percentile(append.get(p), 50), "%.2f");
                table.row("APPEND p95 (ms)", percentile(append.get(f), 95), percentile(append.get(p), 95), "%.2f");
                table.row("connect, STARTTLS, LOGIN, SELECT, LOGOUT p50 (ms)", percentile(login.get(f), 50),
                        percentile(login.get(p), 50), "%.1f");
                table.row("connect … LOGOUT p95 (ms)", percentile(login.get(f), 95), percentile(login.get(p), 95),
                        "%.1f");
                table.print();
                all.add(table);
            }
            if (rounds > 1) {
                System.out.printf(Locale.ROOT, "%nMedian of the %d rounds%n", rounds);
                Table.median(all).print();
            }
            Table after = new Table();
            after.row("RSS after the load, all processes (MiB)", ProcessTree.rssMib(f.pids()),
                    ProcessTree.rssMib(p.pids()), "%.0f");
            after.row("PSS after the load, all processes (MiB)", ProcessTree.pssMib(f.pids()),
                    ProcessTree.pssMib(p.pids()), "%.0f");
            System.out.println();
            after.print();
            System.out.println("Ratios are Facteur / peer: above 1 is better for Facteur on rates, worse on times,"
                    + " CPU and memory.");
        } finally {
            try {
                if (peer != null) {
                    peer.close();
                }
            } finally {
                facteur.close();
                DeliveryBenchmark.deleteQuietly(dir);
            }
        }
    }

    /** Runs smtp-source against the server, then waits until the mailbox holds every message (seen over IMAP). */
    static Delivery deliver(Server server, String user, int messages, int sessions, int size) throws Exception {
        try (ImapDialogue watch = loggedIn(server, user)) {
            double cpuBefore = ProcessTree.cpuSeconds(server.pids());
            long start = System.nanoTime();
            PostfixDovecot.run(Duration.ofMinutes(30), PostfixDovecot.SMTP_SOURCE.toString(), "-s",
                    Integer.toString(sessions), "-m", Integer.toString(messages), "-l", Integer.toString(size), "-d",
                    "-f", "load@remote.test", "-t", user, "-M", "client.remote.test", "127.0.0.1:" + server.smtp());
            double send = seconds(start);
            int count = 0;
            long lastProgress = System.nanoTime();
            while (count < messages) {
                Matcher m = MESSAGES.matcher(watch.command("STATUS INBOX (MESSAGES)"));
                int now = m.find() ? Integer.parseInt(m.group(1)) : count;
                if (now > count) {
                    count = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException(server.name() + ": " + count + " of " + messages
                            + " messages delivered to " + user + ", none more for 120 s");
                }
                if (count < messages) {
                    Thread.sleep(50);
                }
            }
            double delivered = seconds(start);
            long counted = System.nanoTime();
            awaitIdle(server);
            return new Delivery(messages, send, delivered, ProcessTree.cpuSeconds(server.pids()) - cpuBefore,
                    seconds(counted));
        }
    }

    /**
     * Waits until the server's processes are idle ({@link ProcessTree#awaitIdle}), so that work left after a delivery
     * (Facteur's search indexing, Dovecot's index updates) is counted in its CPU and does not slow the next measurement.
     */
    static void awaitIdle(Server server) throws Exception {
        ProcessTree.awaitIdle(server.pids());
    }

    /** The time of the first SELECT of a mailbox that was just filled (the LOGIN before it is not counted). */
    static double firstSelectMillis(Server server, String user, int expected) throws Exception {
        try (ImapDialogue imap = loggedIn(server, user)) {
            long start = System.nanoTime();
            String reply = imap.command("SELECT INBOX");
            double millis = (System.nanoTime() - start) / 1e6;
            Matcher m = EXISTS.matcher(reply);
            if (!m.find() || Integer.parseInt(m.group(1)) != expected) {
                throw new IllegalStateException(server.name() + ": SELECT answered " + reply);
            }
            return millis;
        }
    }

    /** FETCH, STATUS and whole login sessions, one request to each server in turn. */
    private static void readLoad(Server[] order, String user, int warmup, int samples, int logins,
                                 Map<Server, List<Double>> fetch, Map<Server, List<Double>> status,
                                 Map<Server, List<Double>> login) throws Exception {
        Map<Server, ImapDialogue> selected = new HashMap<>();
        Map<Server, ImapDialogue> idle = new HashMap<>();
        Map<Server, Integer> exists = new HashMap<>();
        try {
            for (Server s : order) {
                ImapDialogue imap = loggedIn(s, user);
                selected.put(s, imap);
                Matcher m = EXISTS.matcher(imap.command("SELECT INBOX"));
                exists.put(s, m.find() ? Integer.parseInt(m.group(1)) : 0);
                idle.put(s, loggedIn(s, user));
                fetch.put(s, new ArrayList<>());
                status.put(s, new ArrayList<>());
                login.put(s, new ArrayList<>());
            }
            for (int i = -warmup; i < samples; i++) { // the first warmup rounds are not kept
                for (Server s : order) {
                    int n = exists.get(s);
                    long start = System.nanoTime();
                    String reply = selected.get(s).command("FETCH " + (n - 49) + ":" + n
                            + " (FLAGS ENVELOPE RFC822.SIZE)");
                    if (i >= 0) {
                        fetch.get(s).add((System.nanoTime() - start) / 1e6);
                    }
                    long lines = reply.lines().filter(l -> l.startsWith("* ") && l.contains(" FETCH (")).count();
                    if (lines != 50) {
                        throw new IllegalStateException(s.name() + ": FETCH gave " + lines + " messages: " + reply);
                    }
                }
            }
            // STATUS in a loop of its own, so that each server's STATUS is timed alone, not right after its own FETCH
            // on the other connection (interleaved, the server going second got it so). That was not why Dovecot's
            // STATUS p50 is 1.7-4.2 ms in some rounds and 0.37-0.42 ms in others: it still is, in its own loop.
            for (int i = -warmup; i < samples; i++) {
                for (Server s : order) {
                    long start = System.nanoTime();
                    String reply = idle.get(s).command("STATUS INBOX (MESSAGES UNSEEN)");
                    if (i >= 0) {
                        status.get(s).add((System.nanoTime() - start) / 1e6);
                    }
                    if (!reply.contains("MESSAGES " + exists.get(s))) {
                        throw new IllegalStateException(s.name() + ": STATUS answered " + reply);
                    }
                }
            }
            for (int i = 0; i < logins; i++) {
                for (Server s : order) {
                    long start = System.nanoTime();
                    try (ImapDialogue imap = loggedIn(s, user)) {
                        String select = imap.command("SELECT INBOX");
                        String logout = imap.command("LOGOUT");
                        login.get(s).add((System.nanoTime() - start) / 1e6);
                        if (!select.contains(" OK") || !logout.contains("* BYE")) {
                            throw new IllegalStateException(s.name() + ": " + select + logout);
                        }
                    }
                }
            }
        } finally {
            for (ImapDialogue imap : selected.values()) {
                imap.close();
            }
            for (ImapDialogue imap : idle.values()) {
                imap.close();
            }
        }
    }

    /**
     * APPENDs of a 1.3 KB message, one to each server in turn, from a client that leaves Nagle's algorithm on and sends
     * the literal and the CRLF after it in two writes, as Python's imaplib and Java's sockets do by default.
     */
    private static Map<Server, List<Double>> appends(Server[] order, String user, int samples) throws Exception {
        byte[] message = ("From: someone@remote.test\r\nTo: " + user + "\r\nSubject: appended\r\n\r\n"
                + "x".repeat(1300) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Map<Server, List<Double>> times = new HashMap<>();
        Map<Server, ImapDialogue> sessions = new HashMap<>();
        try {
            for (Server s : order) {
                sessions.put(s, loggedIn(s, user));
                times.put(s, new ArrayList<>());
            }
            for (int i = 0; i < samples; i++) {
                for (Server s : order) {
                    long start = System.nanoTime();
                    String reply = sessions.get(s).append("INBOX", message);
                    times.get(s).add((System.nanoTime() - start) / 1e6);
                    if (!reply.lines().reduce((a, b) -> b).orElse("").contains(" OK")) {
                        throw new IllegalStateException(s.name() + ": APPEND answered " + reply);
                    }
                }
            }
        } finally {
            for (ImapDialogue imap : sessions.values()) {
                imap.close();
            }
        }
        return times;
    }

    static ImapDialogue loggedIn(Server server, String user) throws Exception {
        ImapDialogue imap = new ImapDialogue(server.imap(), "127.0.0.1", Duration.ofMinutes(5));
        String login = imap.login(user, PASSWORD);
        if (!login.startsWith("OK")) {
            imap.close();
            throw new IllegalStateException(server.name() + " refused the login of " + user + ": " + login);
        }
        return imap;
    }

    private static double[] memory(Server server) throws Exception {
        return new double[] {ProcessTree.rssMib(server.pids()), ProcessTree.pssMib(server.pids())};
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String version(String... command) {
        try {
            return PostfixDovecot.run(Duration.ofSeconds(10), command).strip().split("\\s+")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Rows of "what, Facteur, peer, ratio", printed as a Markdown table. */
    static final class Table {
        private record Row(String what, double facteur, double peer, String format) {
        }

        private final List<Row> rows = new ArrayList<>();

        void row(String what, double facteur, double peer, String format) {
            rows.add(new Row(what, facteur, peer, format));
        }

        /** The median of each row over tables with the same rows. */
        static Table median(List<Table> tables) {
            Table median = new Table();
            for (int i = 0; i < tables.get(0).rows.size(); i++) {
                List<Double> facteur = new ArrayList<>();
                List<Double> peer = new ArrayList<>();
                for (Table t : tables) {
                    Row row = t.rows.get(i);
                    facteur.add(row.facteur());
                    peer.add(row.peer());
                }
                Row first = tables.get(0).rows.get(i);
                median.rows.add(new Row(first.what(), percentile(facteur, 50), percentile(peer, 50), first.format()));
            }
            return median;
        }

        void print() {
            System.out.println("| work | Facteur | Postfix + Dovecot | Facteur / peer |");
            System.out.println("|---|---|---|---|");
            for (Row row : rows) {
                System.out.printf(Locale.ROOT, "| %s | " + row.format() + " | " + row.format() + " | %.2f |%n",
                        row.what(), row.facteur(), row.peer(), row.facteur() / row.peer());
            }
        }
    }
}
