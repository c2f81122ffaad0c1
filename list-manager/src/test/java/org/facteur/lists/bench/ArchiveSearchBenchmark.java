package org.facteur.lists.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.facteur.lists.archive.ArchiveIndex;
import org.facteur.lists.store.ArchiveEntry;
import org.facteur.lists.store.ArchiveStore;
import org.facteur.lists.store.ArchivedPost;

/**
 * Archive search benchmark (issue 11 item 5: p95 under 50 ms over 100,000 archived posts). Indexes N synthetic
 * text/plain posts (a 3,000-word vocabulary, English and French words, about 120 words each, spread over 10 lists)
 * through {@link ArchiveIndex#rebuild} (the same parsing and documents as a live post), then runs searches of one
 * and of two words, each scoped to one list, 20 hits newest first, and prints p50/p95/p99. Measures the index only
 * (ids out), not the store reads of the hits. Prints; asserts nothing. Run it with
 * {@code ./facteur bench archive-search [--posts N] [--searches S]}.
 */
public final class ArchiveSearchBenchmark {
    private static final int LISTS = 10;

    public static void main(String[] args) throws Exception {
        int posts = 10_000;
        int searches = 2_000;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--posts" -> posts = Integer.parseInt(args[i + 1]);
                case "--searches" -> searches = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Random random = new Random(42);
        String[] words = vocabulary(random);
        Path dir = Files.createTempDirectory("facteur-archive-bench");
        SyntheticArchive archive = new SyntheticArchive(posts, words);
        long start = System.nanoTime();
        try (ArchiveIndex index = ArchiveIndex.open(dir, archive)) { // an empty directory: built from the store
            double indexSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%,d posts indexed in %.1f s (%,.0f posts/s), index %s MB%n", posts, indexSeconds,
                    posts / indexSeconds, size(dir) / 1_000_000);
            for (int warm = 0; warm < 500; warm++) {
                index.search(list(random.nextInt(LISTS)), words[random.nextInt(words.length)], 20);
            }
            for (int wordsPerSearch = 1; wordsPerSearch <= 2; wordsPerSearch++) {
                long[] nanos = new long[searches];
                long hits = 0;
                for (int i = 0; i < searches; i++) {
                    StringBuilder query = new StringBuilder();
                    for (int w = 0; w < wordsPerSearch; w++) {
                        query.append(words[random.nextInt(words.length / 4)]).append(' '); // commoner words: more hits
                    }
                    long t = System.nanoTime();
                    hits += index.search(list(random.nextInt(LISTS)), query.toString(), 20).size();
                    nanos[i] = System.nanoTime() - t;
                }
                Arrays.sort(nanos);
                System.out.printf("%d-word searches x %,d: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms, %.1f hits on average%n",
                        wordsPerSearch, searches, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), nanos[searches - 1] / 1e6,
                        (double) hits / searches);
            }
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static long size(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static String list(int n) {
        return "list" + n + "@example.org";
    }

    /** Made-up words with French and English endings, so that both analyzers' stemmers have work to do. */
    private static String[] vocabulary(Random random) {
        String[] endings = {"", "s", "ing", "ed", "ions", "ement", "é", "ées", "er"};
        String[] words = new String[3_000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            int letters = 3 + random.nextInt(6);
            for (int l = 0; l < letters; l++) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = word + endings[random.nextInt(endings.length)];
        }
        return words;
    }

    /** An archive store that makes its posts as they are read: only what {@link ArchiveIndex#rebuild} asks is answered. */
    private record SyntheticArchive(int posts, String[] words) implements ArchiveStore {
        @Override
        public List<String> lists() {
            List<String> lists = new ArrayList<>();
            for (int l = 0; l < LISTS; l++) {
                lists.add(list(l));
            }
            return lists;
        }

        @Override
        public void each(String list, PostVisitor visitor) throws Exception {
            int number = Integer.parseInt(list.substring(4, list.indexOf('@')));
            Random random = new Random(number);
            Instant first = Instant.parse("2020-01-01T00:00:00Z");
            for (int i = number; i < posts; i += LISTS) {
                String subject = sentence(random, 5);
                byte[] message = ("From: Member " + (i % 300) + " <member" + (i % 300) + "@example.org>\r\nSubject: " + subject
                        + "\r\nMessage-ID: <" + i + "@example.org>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                        + sentence(random, 120) + "\r\n").getBytes(StandardCharsets.UTF_8);
                visitor.visit(new ArchivedPost(new ArchiveEntry("post-" + i, list, first.plusSeconds(600L * i), "<" + i + "@example.org>",
                        "", List.of(), "Member " + (i % 300) + " <member" + (i % 300) + "@example.org>", subject, Optional.empty(),
                        message.length), message));
            }
        }

        /** Words drawn with a skew (the first ones far commoner), as in real text. */
        private String sentence(Random random, int length) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < length; w++) {
                double skewed = Math.pow(random.nextDouble(), 3);
                text.append(words[(int) (skewed * words.length)]).append(w % 15 == 14 ? ".\r\n" : " ");
            }
            return text.toString().strip();
        }

        @Override
        public long count() {
            return posts;
        }

        @Override
        public ArchiveEntry add(String list, ArchiveEntry headers, byte[] message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ArchiveEntry> month(String list, YearMonth month, ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<YearMonth> months(String list, ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.SequencedMap<YearMonth, Integer> monthCounts(String list, ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ArchivedPost> find(String list, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(String list, String id) {
            throw new UnsupportedOperationException();
        }
    }
}
