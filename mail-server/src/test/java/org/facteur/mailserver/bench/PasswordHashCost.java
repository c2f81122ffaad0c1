package org.facteur.mailserver.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.james.user.lib.model.Algorithm;
import org.facteur.mailserver.users.PasswordHashing;

/**
 * The cost of one password check, old and new, and the logins per second it allows on this machine. Not a
 * test: run it with {@code ./facteur bench passwords [--seconds S]}.
 */
public final class PasswordHashCost {

    public static void main(String[] args) throws Exception {
        int seconds = args.length == 2 && args[0].equals("--seconds") ? Integer.parseInt(args[1]) : 10;
        PasswordHashing hashing = PasswordHashing.ARGON2ID;
        String current = hashing.hash("S3cret-pass");
        String legacy = PasswordHashing.fromJames("PBKDF2-SHA512", "alice@example.org",
                Algorithm.of("PBKDF2-SHA512").digest("S3cret-pass", "alice@example.org"));
        String owaspPbkdf2 = PasswordHashing.fromJames("PBKDF2-SHA512-210000", "alice@example.org",
                Algorithm.of("PBKDF2-SHA512-210000").digest("S3cret-pass", "alice@example.org"));
        System.out.printf("%d cores, %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        time("PBKDF2-SHA512, 1,000 iterations (James, before)", 50, () -> hashing.verify("S3cret-pass", legacy));
        time("PBKDF2-SHA512, 210,000 iterations (OWASP)", 10, () -> hashing.verify("S3cret-pass", owaspPbkdf2));
        time("Argon2id m=19 MiB t=2 p=1 (Facteur)", 20, () -> hashing.verify("S3cret-pass", current));
        for (int threads : new int[] {1, 2, 8}) {
            System.out.printf("Argon2id checks per second with %d concurrent logins: %.1f%n", threads,
                    throughput(hashing, current, threads, Duration.ofSeconds(seconds)));
        }
    }

    private static void time(String name, int runs, Runnable check) {
        for (int i = 0; i < 3; i++) {
            check.run();
        }
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            check.run();
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("%-50s min %4d ms, median %4d ms, max %4d ms%n", name, ms[0], ms[runs / 2], ms[runs - 1]);
    }

    private static double throughput(PasswordHashing hashing, String hash, int threads, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + duration.toNanos();
        List<Future<Integer>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counts.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    hashing.verify("S3cret-pass", hash);
                    n++;
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        pool.shutdown();
        return total / (double) duration.toSeconds();
    }
}
