package org.facteur.app.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.SmtpDialogue;

/**
 * Backup and restore of a large data directory: fills a fresh packaged Facteur with N messages of S bytes of random
 * text (default 4,000 × 256 KiB over 2 connections, about 1 GB), then times {@code ./facteur backup} while it runs, {@code ./facteur
 * restore} into an empty directory, and the first start on the restored directory; prints sizes, times and
 * throughputs. Not a test (no timing assertions): {@code ./facteur bench backup [--messages N] [--size BYTES] [--connections C]}.
 */
public final class BackupBenchmark {
    private static final String USER = "bulk@bench.test";
    private static final String PASSWORD = "Bench-pass-1";

    public static void main(String[] args) throws Exception {
        int messages = 4000;
        int size = 256 << 10;
        int connections = 2;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("facteur-backup-bench");
        Path data = work.resolve("data");
        Path backups = work.resolve("backups");
        Path restored = work.resolve("restored");
        try {
            Path snapshot;
            try (FacteurProcess facteur = new FacteurProcess(data, Map.of()).start()) {
                check(facteur.admin("domain", "add", "bench.test"));
                check(facteur.admin("user", "add", USER, "--password", PASSWORD));
                check(facteur.admin("quota", "set", USER, "--storage", "unlimited"));
                long t0 = System.nanoTime();
                fill(facteur.smtp, messages, size, connections);
                MailClient client = new MailClient(facteur.ports());
                while (client.count(USER, PASSWORD, "INBOX") < messages) {
                    Thread.sleep(1000);
                }
                double fillSeconds = seconds(t0);
                long dataBytes = bytes(data);
                System.out.printf("[backup-bench] data directory: %d messages of %d bytes delivered in %.1f s; %s on disk%n",
                        messages, size, fillSeconds, mb(dataBytes));

                long t1 = System.nanoTime();
                FacteurProcess.Result backup = facteur(data, "backup", "--to", backups.toString());
                double backupSeconds = seconds(t1);
                check(backup);
                List<String> lines = backup.out().strip().lines().toList();
                snapshot = Path.of(lines.get(lines.size() - 1));
                long snapshotBytes = bytes(snapshot);
                System.out.printf("[backup-bench] ./facteur backup: %.1f s (command, JVM start included) for %s: %.0f MB/s; server said: %s%n",
                        backupSeconds, mb(snapshotBytes), snapshotBytes / 1e6 / backupSeconds, lines.get(0));
                facteur.terminate(Duration.ofSeconds(60));
            }

            long t2 = System.nanoTime();
            FacteurProcess.Result restore = facteur(restored, "restore", snapshot.toString());
            double restoreSeconds = seconds(t2);
            check(restore);
            long restoredBytes = bytes(restored);
            System.out.printf("[backup-bench] ./facteur restore (checksums then copy): %.1f s for %s: %.0f MB/s%n",
                    restoreSeconds, mb(restoredBytes), restoredBytes / 1e6 / restoreSeconds);

            long t3 = System.nanoTime();
            try (FacteurProcess again = new FacteurProcess(restored, Map.of()).start()) {
                double startSeconds = seconds(t3);
                int count = new MailClient(again.ports()).count(USER, PASSWORD, "INBOX");
                System.out.printf("[backup-bench] first start on the restored directory: healthy after %.1f s, %d messages in INBOX%n",
                        startSeconds, count);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** N messages of random text over C SMTP connections to the MX. */
    private static void fill(int port, int messages, int size, int connections) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> senders = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int seed = c;
            senders.add(pool.submit(() -> {
                Random random = new Random(seed);
                try (SmtpDialogue smtp = new SmtpDialogue(port)) {
                    smtp.greetAndEhlo();
                    for (int n; (n = next.getAndIncrement()) < messages; ) {
                        expect(smtp.command("MAIL FROM:<load@remote.test>"), "250");
                        expect(smtp.command("RCPT TO:<" + USER + ">"), "250");
                        expect(smtp.command("DATA"), "354");
                        smtp.send("Subject: bulk-" + n + "\r\nMessage-ID: <bulk-" + n + "@remote.test>\r\n\r\n" + text(random, size) + ".\r\n");
                        expect(smtp.reply(), "250");
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : senders) {
                f.get();
            }
        } finally {
            pool.shutdownNow(); // a failed sender must not keep the JVM alive
        }
    }

    private static String text(Random random, int size) {
        byte[] raw = new byte[size * 3 / 4];
        random.nextBytes(raw);
        String base64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(raw);
        return base64 + "\r\n";
    }

    private static void expect(String reply, String code) {
        if (!reply.startsWith(code)) {
            throw new IllegalStateException("expected " + code + ", got " + reply);
        }
    }

    private static FacteurProcess.Result facteur(Path data, String... args) throws Exception {
        return FacteurProcess.script(data, Duration.ofHours(1), args);
    }

    private static void check(FacteurProcess.Result r) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException("exit " + r.exitCode() + ": " + r.out() + r.err());
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long bytes(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String mb(long bytes) {
        return String.format("%.0f MB", bytes / 1e6);
    }
}
