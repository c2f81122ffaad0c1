package org.facteur.app.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.app.cluster.ClusterScript;
import org.facteur.mailserver.ImapDialogue;

/**
 * Facteur with 1, 2 and 3 nodes on this machine, each cluster started by {@code deploy/cluster/cluster.sh} (private
 * PostgreSQL, RabbitMQ and Redis, HAProxy from the shipped file), the load sent through HAProxy as clients would.
 * Not a test: run it with {@code ./facteur bench cluster}. On one machine more nodes cannot be faster (they share its
 * cores); what it shows is what each node, and each shared server, costs per message and per IMAP loop.
 *
 * <p>Per cluster: {@code --warmup} messages (not counted); {@code --messages} messages of {@code --size} bytes over
 * {@code --sessions} SMTP sessions with Postfix's {@code smtp-source} through HAProxy's port 25, delivered when a
 * STATUS through HAProxy counts them all, CPU of every node and every shared server from {@code /proc} (the work
 * after the last message included, until all are idle); then {@code --clients} IMAP clients, each on its own connection
 * through HAProxy (its leastconn spreads them over the nodes), loop for {@code --seconds} s over SELECT INBOX, FETCH of
 * the newest 50 (FLAGS ENVELOPE RFC822.SIZE) of a 500-message INBOX, and NOOP.
 *
 * <p>Options: --nodes "1,2,3" --messages N (2000) --sessions S (8) --size BYTES (1024) --warmup N (1000) --clients C (20)
 * --seconds T (20).
 */
public final class ClusterBenchmark {
    static final String DOMAIN = PeerBenchmark.DOMAIN;
    static final String PASSWORD = PeerBenchmark.PASSWORD;
    private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(1, 2, 3);
        int messages = 2000;
        int sessions = 8;
        int size = 1024;
        int warmup = 1000;
        int clients = 20;
        int seconds = 20;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--nodes" -> sizes = java.util.Arrays.stream(args[i + 1].split(",")).map(String::strip)
                        .map(Integer::parseInt).toList();
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--sessions" -> sessions = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!java.nio.file.Files.isExecutable(PostfixDovecot.SMTP_SOURCE)) {
            System.err.println("bench cluster: " + PostfixDovecot.SMTP_SOURCE + " is missing: apt-get install postfix"
                    + " (only its load generator is used; 'service postfix stop' keeps port 25 free)");
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "Facteur clusters on this machine (%d cores), load through HAProxy: %,d messages × %,d B"
                + " over %d SMTP sessions (smtp-source), then %d IMAP clients for %d s%n",
                Runtime.getRuntime().availableProcessors(), messages, size, sessions, clients, seconds);
        List<String> rows = new ArrayList<>();
        for (int nodes : sizes) {
            rows.add(measure(nodes, messages, sessions, size, warmup, clients, seconds));
        }
        System.out.println();
        System.out.println("| nodes | ready (s) | delivered/s | CPU ms per message: each node | all nodes | PostgreSQL | RabbitMQ"
                + " | Redis | HAProxy | IMAP loops/s | CPU ms per loop: all nodes | PostgreSQL |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String measure(int nodes, int messages, int sessions, int size, int warmup, int clients, int seconds)
            throws Exception {
        ClusterScript cluster = ClusterScript.of(nodes);
        try {
            ClusterScript.Result started = cluster.run(Duration.ofMinutes(10), "start").orThrow();
            cluster.run(Duration.ofMinutes(1), "admin", "node1", "domain", "add", DOMAIN).orThrow();
            for (String user : List.of("warmup", "d", "r")) {
                cluster.run(Duration.ofMinutes(1), "admin", "node1", "user", "add", user + "@" + DOMAIN, "--password",
                        PASSWORD).orThrow();
            }
            List<List<Long>> nodePids = new ArrayList<>();
            for (int n = 1; n <= nodes; n++) {
                nodePids.add(cluster.nodePid(n));
            }
            List<List<Long>> services = List.of(cluster.pid("postgres/data/postmaster.pid"), cluster.pid("rabbitmq/pid"),
                    cluster.pid("redis/pid"), cluster.pid("haproxy/pid"));
            List<Long> everything = cluster.recordedPids();

            PeerBenchmark.Server front = new PeerBenchmark.Server("the cluster through HAProxy", cluster.smtp(),
                    cluster.imap(), () -> everything);
            if (warmup > 0) {
                PeerBenchmark.deliver(front, "warmup@" + DOMAIN, warmup, sessions, size); // waits until all are idle
            }

            double[] nodeCpu = cpu(nodePids);
            double[] serviceCpu = cpu(services);
            PeerBenchmark.Delivery delivery = PeerBenchmark.deliver(front, "d@" + DOMAIN, messages, sessions, size);
            double[] nodeUsed = minus(cpu(nodePids), nodeCpu);
            double[] serviceUsed = minus(cpu(services), serviceCpu);

            PeerBenchmark.deliver(front, "r@" + DOMAIN, 500, sessions, size);
            double[] nodeBefore = cpu(nodePids);
            double[] serviceBefore = cpu(services);
            long loops = imapLoops(front, "r@" + DOMAIN, clients, seconds);
            double[] nodeLoops = minus(cpu(nodePids), nodeBefore);
            double[] serviceLoops = minus(cpu(services), serviceBefore);

            List<String> each = new ArrayList<>();
            for (double used : nodeUsed) {
                each.add(String.format(Locale.ROOT, "%.1f", 1000 * used / messages));
            }
            String row = String.format(Locale.ROOT, "| %d | %.0f | %.0f | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.1f | %.1f |",
                    nodes, started.took().toMillis() / 1000.0, delivery.deliveredPerSecond(), String.join(" / ", each),
                    1000 * sum(nodeUsed) / messages, 1000 * serviceUsed[0] / messages, 1000 * serviceUsed[1] / messages,
                    1000 * serviceUsed[2] / messages, 1000 * serviceUsed[3] / messages, loops / (double) seconds,
                    1000 * sum(nodeLoops) / loops, 1000 * serviceLoops[0] / loops);
            System.out.println(row);
            return row;
        } finally {
            cluster.run(Duration.ofMinutes(3), "destroy");
        }
    }

    /** {@code clients} sessions looping SELECT, FETCH of the newest 50, NOOP for {@code seconds}: loops done. */
    private static long imapLoops(PeerBenchmark.Server front, String user, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean stop = new AtomicBoolean();
        List<ImapDialogue> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                sessions.add(PeerBenchmark.loggedIn(front, user));
            }
            List<Future<Long>> done = new ArrayList<>();
            for (ImapDialogue imap : sessions) {
                done.add(pool.submit(() -> {
                    long loops = 0;
                    while (!stop.get()) {
                        String select = imap.command("SELECT INBOX");
                        Matcher m = EXISTS.matcher(select);
                        int n = m.find() ? Integer.parseInt(m.group(1)) : 0;
                        String fetch = imap.command("FETCH " + (n - 49) + ":" + n + " (FLAGS ENVELOPE RFC822.SIZE)");
                        if (fetch.lines().filter(l -> l.contains(" FETCH (")).count() != 50) {
                            throw new IllegalStateException("FETCH answered " + fetch);
                        }
                        imap.command("NOOP");
                        loops++;
                    }
                    return loops;
                }));
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            long total = 0;
            for (Future<Long> f : done) {
                total += f.get(5, TimeUnit.MINUTES);
            }
            return total;
        } finally {
            pool.shutdownNow();
            for (ImapDialogue imap : sessions) {
                imap.close();
            }
        }
    }

    private static double[] cpu(List<List<Long>> groups) {
        double[] seconds = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            seconds[i] = ProcessTree.cpuSeconds(groups.get(i));
        }
        return seconds;
    }

    private static double[] minus(double[] after, double[] before) {
        double[] d = new double[after.length];
        for (int i = 0; i < after.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
