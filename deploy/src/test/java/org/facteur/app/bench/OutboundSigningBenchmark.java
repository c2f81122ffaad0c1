package org.facteur.app.bench;

import static org.facteur.app.bench.DeliveryBenchmark.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.facteur.app.FacteurProcess;
import org.facteur.mailserver.SmtpDialogue;
import org.facteur.mailserver.SmtpSink;

/**
 * What DKIM signing costs mail that leaves (the signing half of issue #10's benchmark): two packaged Facteurs side
 * by side, one with {@code FACTEUR_DKIM_SIGNING=false}, each routing remote.test ({@code FACTEUR_ROUTES}) to its own
 * {@link SmtpSink}. Rounds of N messages from user0@bench.test to someone@remote.test, submitted over C submission
 * connections (STARTTLS, AUTH PLAIN), alternate between them (which side goes first alternates too); relayed/s counts what the sink accepted, until the last
 * copy, and the server's CPU per relayed message (its process, from /proc). The sink also counts the copies that carry a {@code DKIM-Signature}: all of them on one side, none on the other.
 * Part of {@link DeliverabilityBenchmark}; prints, asserts nothing.
 */
final class OutboundSigningBenchmark {
    private static final String USER = "user0@bench.test";
    private static final String PASSWORD = "Bench-pass-1";

    private OutboundSigningBenchmark() {
    }

    /** A server under test and the sink its remote mail reaches. */
    private record Side(FacteurProcess facteur, SmtpSink sink) {
    }

    /** One round: messages accepted at submission, copies the sink accepted, seconds from the first MAIL to the last copy. */
    record Round(int accepted, int relayed, int signed, double seconds, double serverCpuSeconds) {
        double relayedPerSecond() {
            return relayed / seconds;
        }

        /** The server's own CPU (user + system) per relayed message, in ms: what signing costs, free of the client's share. */
        double cpuMillisPerMessage() {
            return serverCpuSeconds * 1000 / relayed;
        }
    }

    /** Runs the rounds and returns the median relayed/s per side ("signing on", "signing off"). */
    static Map<String, Double> run(int messages, int connections, int size, int rounds, int warmup, List<AutoCloseable> closing,
                                   List<Path> dirs) throws Exception {
        Map<String, Side> sides = new LinkedHashMap<>();
        for (String name : List.of("signing on", "signing off")) {
            SmtpSink sink = new SmtpSink();
            closing.add(sink);
            Path data = Files.createTempDirectory("facteur-bench-outbound");
            dirs.add(data);
            FacteurProcess facteur = new FacteurProcess(data, Map.of(
                    "FACTEUR_ROUTES", "remote.test=127.0.0.1:" + sink.port(),
                    "FACTEUR_DKIM_SIGNING", Boolean.toString(name.equals("signing on")),
                    "FACTEUR_SUBMISSION_MESSAGES_PER_HOUR", "1000000"));
            closing.add(facteur);
            facteur.start();
            check(facteur.admin("domain", "add", "bench.test"));
            check(facteur.admin("user", "add", USER, "--password", PASSWORD));
            Side side = new Side(facteur, sink);
            sides.put(name, side);
            Round w = round(side, warmup, connections, size);
            System.out.printf("%s: warm-up %d messages, relayed %.0f msg/s, %d of %d copies signed%n", name, warmup,
                    w.relayedPerSecond(), w.signed(), w.relayed());
        }
        System.out.printf("Outbound signing: %d messages of %d bytes a round from a member to a remote domain, %d submission"
                + " connections (STARTTLS, AUTH), %d rounds each, alternating%n", messages, size, connections, rounds);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        for (int r = 1; r <= rounds; r++) {
            List<Map.Entry<String, Side>> order = new ArrayList<>(sides.entrySet());
            if (r % 2 == 0) {
                java.util.Collections.reverse(order); // the first side alternates: neither always runs after the other
            }
            for (Map.Entry<String, Side> side : order) {
                Round round = round(side.getValue(), messages, connections, size);
                rates.computeIfAbsent(side.getKey(), k -> new ArrayList<>()).add(round.relayedPerSecond());
                cpu.computeIfAbsent(side.getKey(), k -> new ArrayList<>()).add(round.cpuMillisPerMessage());
                System.out.printf("  round %d, %-12s accepted %d, relayed %d (%d signed) in %.2f s = %.0f msg/s, server CPU %.2f ms/msg%n", r,
                        side.getKey(), round.accepted(), round.relayed(), round.signed(), round.seconds(), round.relayedPerSecond(),
                        round.cpuMillisPerMessage());
            }
        }
        List<Double> cpuRatios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            cpuRatios.add(cpu.get("signing on").get(r) / cpu.get("signing off").get(r));
        }
        System.out.printf("Outbound: server CPU per message, signing on / off, round by round: %s (median %.2f)%n",
                cpuRatios.stream().map(v -> String.format("%.2f", v)).toList(), DeliverabilityBenchmark.median(cpuRatios));
        List<Double> on = rates.get("signing on");
        List<Double> off = rates.get("signing off");
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            ratios.add(on.get(r) / off.get(r));
        }
        System.out.printf("Outbound: signing on / off, round by round: %s (median %.2f)%n",
                ratios.stream().map(v -> String.format("%.2f", v)).toList(), DeliverabilityBenchmark.median(ratios));
        Map<String, Double> medians = new LinkedHashMap<>();
        rates.forEach((name, values) -> medians.put(name, DeliverabilityBenchmark.median(values)));
        return medians;
    }

    private static Round round(Side side, int messages, int connections, int size) throws Exception {
        String body = "x".repeat(Math.max(0, size - 250));
        int relayedBefore = side.sink().transactions();
        int signedBefore = side.sink().signed();
        double cpuBefore = ProcessTree.cpuSeconds(List.of(side.facteur().pid()));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            futures.add(pool.submit(() -> {
                try (SmtpDialogue smtp = new SmtpDialogue(side.facteur().submission)) {
                    smtp.greetAndEhlo();
                    smtp.startTls();
                    smtp.command("EHLO client.test");
                    String auth = smtp.authPlain(USER, PASSWORD);
                    if (!auth.startsWith("235")) {
                        throw new IllegalStateException("AUTH refused: " + auth);
                    }
                    int n;
                    while ((n = next.getAndIncrement()) < messages) {
                        smtp.sendMessage(USER, "someone@remote.test", "From: <" + USER + ">\r\nTo: <someone@remote.test>\r\n"
                                + "Subject: outbound " + n + "\r\nDate: Thu, 03 Dec 2026 10:00:00 +0000\r\nMessage-ID: <out-"
                                + System.nanoTime() + "-" + n + "@bench.test>\r\n\r\n" + body);
                        accepted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (side.sink().transactions() - relayedBefore < accepted.get() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        int relayed = side.sink().transactions() - relayedBefore;
        double seconds = (side.sink().lastAcceptedNanos() - start) / 1e9;
        double cpuSeconds = ProcessTree.cpuSeconds(List.of(side.facteur().pid())) - cpuBefore;
        return new Round(accepted.get(), relayed, side.sink().signed() - signedBefore, seconds, cpuSeconds);
    }
}
