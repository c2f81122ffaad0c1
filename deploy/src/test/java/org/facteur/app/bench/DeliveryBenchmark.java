package org.facteur.app.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Folder;
import jakarta.mail.Store;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.MailClient;
import org.facteur.mailserver.SmtpDialogue;

/**
 * Delivery benchmark: starts a fresh packaged Facteur, then delivers N messages over C SMTP
 * connections to the MX and prints start-up time, heap after start, accepted/s and delivered/s
 * (delivered = counted in the mailbox over IMAP). Not a test: run it with {@code ./facteur bench}.
 * Options: --messages N (1000) --connections C (8) --size BYTES (1024) --recipients R (1)
 * --warmup N (0: messages sent and delivered first, not measured, so the JIT has compiled the hot paths)
 * --env K=V (extra FACTEUR_* settings)
 * --jfr FILE (a JFR recording of the server during the measured round)
 * --encrypt-at-rest true (after the measured round, turn on encryption of incoming mail for every mailbox and
 * measure a second round of the same size in the same run).
 */
public final class DeliveryBenchmark {

    public static void main(String[] args) throws Exception {
        int messages = 1000;
        int connections = 8;
        int size = 1024;
        int recipients = 1;
        int warmup = 0;
        boolean encryptAtRest = false;
        Path jfr = null;
        Map<String, String> env = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--recipients" -> recipients = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--encrypt-at-rest" -> encryptAtRest = Boolean.parseBoolean(args[i + 1]);
                case "--jfr" -> jfr = Path.of(args[i + 1]).toAbsolutePath();
                case "--env" -> {
                    String[] kv = args[i + 1].split("=", 2);
                    env.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path data = Files.createTempDirectory("facteur-bench");
        long t0 = System.nanoTime();
        try (FacteurProcess facteur = new FacteurProcess(data, env)) {
            facteur.start();
            double startup = seconds(t0);
            String heap = heapAfterStart(facteur.pid());
            check(facteur.admin("domain", "add", "bench.test"));
            for (int r = 0; r < recipients; r++) {
                check(facteur.admin("user", "add", "user" + r + "@bench.test", "--password", "Bench-pass-1"));
            }
            MailClient imap = new MailClient(facteur.ports());

            if (warmup > 0) {
                Round w = round(facteur, imap, warmup, connections, size, recipients, 0, 0);
                System.out.printf("  warm-up: %d messages, accepted %.0f msg/s, delivered %.0f msg/s%n",
                        warmup, w.acceptedPerSecond(), w.deliveredPerSecond());
            }
            if (jfr != null) {
                WebmailBenchmark.jcmd(facteur.pid(), "JFR.start", "name=delivery", "settings=profile", "filename=" + jfr);
            }
            double cpuBefore = ProcessTree.cpuSeconds(List.of(facteur.pid()));
            Round r = round(facteur, imap, messages, connections, size, recipients, warmup, warmup);
            double cpuAtDelivered = ProcessTree.cpuSeconds(List.of(facteur.pid()));
            ProcessTree.awaitIdle(List.of(facteur.pid()));
            double cpuAfter = ProcessTree.cpuSeconds(List.of(facteur.pid()));
            if (jfr != null) {
                WebmailBenchmark.jcmd(facteur.pid(), "JFR.stop", "name=delivery");
                System.out.println("  JFR recording of the measured round: " + jfr);
            }
            double sendSeconds = r.sendSeconds();
            double deliverSeconds = r.deliverSeconds();
            int delivered = r.delivered();
            AtomicInteger accepted = new AtomicInteger(r.accepted());
            System.out.printf("Facteur delivery benchmark: %d messages of %d bytes, %d SMTP connections, %d mailbox(es)%n",
                    messages, size, connections, recipients);
            System.out.printf("  start-up (process start to /health 200): %.1f s%n", startup);
            System.out.printf("  heap after start: %s%n", heap);
            System.out.printf("  accepted: %d in %.2f s = %.0f msg/s%n", accepted.get(), sendSeconds, accepted.get() / sendSeconds);
            System.out.printf("  delivered (visible over IMAP): %d in %.2f s = %.0f msg/s%n",
                    delivered, deliverSeconds, delivered / deliverSeconds);
            System.out.printf("  server CPU per delivered message: %.2f ms until delivered, %.2f ms with the work after it"
                    + " (search indexing)%n", 1000 * (cpuAtDelivered - cpuBefore) / delivered, 1000 * (cpuAfter - cpuBefore) / delivered);
            if (encryptAtRest) {
                for (int u = 0; u < recipients; u++) {
                    check(facteur.admin("pgp", "enable", "user" + u + "@bench.test", "--passphrase", "Bench-passphrase-1",
                            "--encrypt-incoming"));
                }
                Round e = round(facteur, imap, messages, connections, size, recipients, warmup + messages, warmup + messages);
                System.out.printf("  with encryption at rest: accepted %.0f msg/s, delivered %d in %.2f s = %.0f msg/s"
                        + " (%.0f%% of the plain round)%n", e.acceptedPerSecond(), e.delivered(), e.deliverSeconds(),
                        e.deliveredPerSecond(), 100 * e.deliveredPerSecond() / (delivered / deliverSeconds));
            }
        } finally {
            deleteQuietly(data);
        }
    }

    record Round(int accepted, int delivered, double sendSeconds, double deliverSeconds) {
        double acceptedPerSecond() {
            return accepted / sendSeconds;
        }

        double deliveredPerSecond() {
            return delivered / deliverSeconds;
        }
    }

    /** Sends {@code messages} over {@code connections}, then waits until all are visible over IMAP. */
    static Round round(FacteurProcess facteur, MailClient imap, int messages, int connections, int size,
                               int recipients, int firstNumber, int alreadyDelivered) throws Exception {
        String body = "x".repeat(Math.max(0, size - 200));
        AtomicInteger next = new AtomicInteger(firstNumber);
        AtomicInteger accepted = new AtomicInteger();
        final int last = firstNumber + messages;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long sendStart = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            futures.add(pool.submit(() -> {
                try (SmtpDialogue smtp = new SmtpDialogue(facteur.smtp)) {
                    smtp.greetAndEhlo();
                    int n;
                    while ((n = next.getAndIncrement()) < last) {
                        smtp.command("MAIL FROM:<load@remote.test>");
                        smtp.command("RCPT TO:<user" + (n % recipients) + "@bench.test>");
                        smtp.command("DATA");
                        smtp.send("From: <load@remote.test>\r\nSubject: bench " + n + "\r\nMessage-ID: <bench-" + n
                                + "@remote.test>\r\n\r\n"
                                + body + "\r\n.\r\n");
                        if (smtp.reply().startsWith("250")) {
                            accepted.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double sendSeconds = seconds(sendStart);
        pool.shutdown();
        int delivered = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (delivered < accepted.get() && System.nanoTime() < deadline) {
            delivered = countAll(imap, recipients) - alreadyDelivered;
            if (delivered < accepted.get()) {
                Thread.sleep(500);
            }
        }
        return new Round(accepted.get(), delivered, sendSeconds, seconds(sendStart));
    }

    private static int countAll(MailClient imap, int recipients) throws Exception {
        int total = 0;
        for (int r = 0; r < recipients; r++) {
            try (Store store = imap.imap("user" + r + "@bench.test", "Bench-pass-1")) {
                Folder inbox = store.getFolder("INBOX");
                total += inbox.getMessageCount();
            }
        }
        return total;
    }

    private static String heapAfterStart(long pid) {
        try {
            Path jcmd = Path.of(FacteurProcess.java()).resolveSibling("jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out.lines().filter(l -> l.contains("used")).findFirst().orElse(out).strip();
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static void check(FacteurProcess.Result r) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(r.err());
        }
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // temporary directory
        }
    }
}
