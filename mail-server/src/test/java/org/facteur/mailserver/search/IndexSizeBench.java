package org.facteur.mailserver.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What the search index costs on disk per message: N generated messages (default 3,000; subject of 3–8 words, body of
 * 100–400 words from a 2,000-word vocabulary with a skewed frequency, as {@code ./facteur bench search} makes them,
 * plus a few English and French words with their inflections) written through {@link MessageIndex#put}, committed,
 * closed; then the index directory's size. Run it on two versions of {@code MessageIndex} to compare them. Run from
 * the test classpath: {@code java -cp <test classpath> org.facteur.mailserver.search.IndexSizeBench [N]}.
 */
public final class IndexSizeBench {
    private static final String[] REAL = {"meeting", "meetings", "invoice", "invoices", "budget", "holiday", "holidays",
            "réunion", "réunions", "facture", "factures", "été", "vacances", "élèves", "bureau", "assemblée", "générale"};

    private IndexSizeBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        Path dir = Files.createTempDirectory("facteur-index-size");
        long started = System.nanoTime();
        long textBytes = fill(dir, n);
        long ms = (System.nanoTime() - started) / 1_000_000;
        long size = size(dir);
        System.out.printf("messages %d, text %d bytes (%d per message), index %d bytes = %d bytes per message,"
                + " indexed in %d ms (%.0f/s)%n", n, textBytes, textBytes / n, size, size / n, ms, n * 1000.0 / ms);
    }

    /** Writes {@code n} generated messages into a new index in {@code dir}; returns the bytes of subject and body text. */
    static long fill(Path dir, int n) throws Exception {
        Random random = new Random(42);
        String[] words = vocabulary(random, 2_000);
        long bytes = 0;
        try (MessageIndex index = new MessageIndex(dir)) {
            for (int m = 1; m <= n; m++) {
                String subject = words(random, words, 3 + random.nextInt(6));
                String body = words(random, words, 100 + random.nextInt(301));
                bytes += subject.length() + body.length();
                index.put("mb" + (m % 5), m, "id" + m, new MessageText(List.of(
                        new MessageText.Header("From", "Bob <bob" + (m % 50) + "@example.org>"),
                        new MessageText.Header("To", "alice@example.org"),
                        new MessageText.Header("Subject", subject),
                        new MessageText.Header("Date", "Thu, 3 Dec 2026 10:00:00 +0000")),
                        SearchText.normalize(body), "", List.of(), false));
                if (m % 500 == 0) {
                    index.commit();
                }
            }
            index.commit();
        }
        return bytes;
    }

    /** {@code count} words of 3 to 9 random letters. */
    static String[] vocabulary(Random random, int count) {
        String[] words = new String[count];
        for (int i = 0; i < words.length; i++) {
            StringBuilder w = new StringBuilder();
            for (int k = 3 + random.nextInt(7); k > 0; k--) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = w.toString();
        }
        return words;
    }

    private static String words(Random random, String[] words, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                b.append(i % 15 == 0 ? ".\n" : " ");
            }
            b.append(random.nextInt(20) == 0 ? REAL[random.nextInt(REAL.length)]
                    : words[random.nextInt(1 + random.nextInt(words.length))]); // skewed: low indexes are common
        }
        return b.toString();
    }

    static long size(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
