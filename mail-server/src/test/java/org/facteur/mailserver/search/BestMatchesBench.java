package org.facteur.mailserver.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * How long "best matches" takes: {@link IndexSizeBench}'s messages (default 3,000, in 5 mailboxes), then 500 queries of
 * one or two words over all 5 mailboxes, top 50, after 100 of warm-up; p50 and p95 in ms. Run from the test classpath:
 * {@code java -cp <test classpath> org.facteur.mailserver.search.BestMatchesBench [N]}.
 */
public final class BestMatchesBench {
    private BestMatchesBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        Path dir = Files.createTempDirectory("facteur-best-matches");
        IndexSizeBench.fill(dir, n);
        String[] queries = {"réunions", "meeting", "facture budget", "vacances été", "invoices holiday", "assemblée générale"};
        Set<String> mailboxes = Set.of("mb0", "mb1", "mb2", "mb3", "mb4");
        try (MessageIndex index = new MessageIndex(dir)) {
            double[] ms = new double[500];
            int hits = 0;
            for (int i = -100; i < ms.length; i++) {
                long t = System.nanoTime();
                hits = index.rank(mailboxes, BestMatchQuery.of(queries[Math.floorMod(i, queries.length)]), 50).size();
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
            }
            Arrays.sort(ms);
            System.out.printf("messages %d, %d queries, top 50 (last: %d hits): p50 %.2f ms, p95 %.2f ms, max %.2f ms%n",
                    n, ms.length, hits, ms[ms.length / 2], ms[ms.length * 95 / 100], ms[ms.length - 1]);
        }
    }
}
