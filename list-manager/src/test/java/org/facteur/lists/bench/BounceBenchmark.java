package org.facteur.lists.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.facteur.lists.ListService;
import org.facteur.lists.mail.IncomingMail;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.facteur.lists.testing.Dsns;
import org.facteur.lists.testing.TestLists;

/**
 * Bounce processing benchmark: N DSNs (RFC 3464, {@code 550 5.1.1}), one to each member's VERP address, through
 * {@link ListService#handle} (address resolution, parsing, the score's compare-and-set) on the real SQLite store, on
 * {@code --threads} threads (the mail server's spool has 4). Each run is a fresh store; the second day of a run counts
 * again (a point each), the fifth suspends everyone (notices composed). Prints DSNs per second; asserts nothing. Run it
 * with {@code ./facteur bench bounces [--dsns N] [--threads T] [--runs R]}.
 */
public final class BounceBenchmark {

    public static void main(String[] args) throws Exception {
        int dsns = 2_000;
        int threads = 1;
        int runs = 3;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--dsns" -> dsns = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("%d DSNs per day, %d thread(s), fresh SQLite store per run%n", dsns, threads);
        for (int run = 1; run <= runs; run++) {
            TestLists fixture = TestLists.start();
            ListService lists = fixture.lists();
            lists.admin().create("team@example.org", Preset.DISCUSSION, Locale.ENGLISH, "owner@example.org", false, List.of());
            List<String> members = new ArrayList<>();
            for (int m = 0; m < dsns; m++) {
                String address = "member" + m + "@remote.test";
                lists.admin().addMember("team@example.org", address, "", Role.SUBSCRIBER);
                members.add(address);
            }
            var tokens = fixture.store().memberTokens("team@example.org");
            StringBuilder line = new StringBuilder("run " + run + ":");
            for (int day = 1; day <= 5; day++) {
                List<IncomingMail> mails = new ArrayList<>();
                for (String member : members) {
                    mails.add(Dsns.failed("team-owner+" + tokens.get(member) + "@example.org", member, "5.1.1",
                            "550 5.1.1 <" + member + ">: Recipient address rejected: User unknown"));
                }
                long start = System.nanoTime();
                int sent = handle(lists, mails, threads);
                double seconds = (System.nanoTime() - start) / 1e9;
                line.append(String.format(Locale.ROOT, " day %d %.0f/s (%d mails out)", day, mails.size() / seconds, sent));
                fixture.clock().advance(Duration.ofDays(1));
            }
            System.out.println(line);
        }
    }

    private static int handle(ListService lists, List<IncomingMail> mails, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            int slice = (mails.size() + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                List<IncomingMail> part = mails.subList(Math.min(mails.size(), t * slice), Math.min(mails.size(), (t + 1) * slice));
                done.add(pool.submit(() -> part.stream().mapToInt(m -> lists.handle(m).size()).sum()));
            }
            int sent = 0;
            for (Future<Integer> f : done) {
                sent += f.get();
            }
            return sent;
        } finally {
            pool.shutdownNow();
        }
    }
}
