package org.facteur.mailserver.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.facteur.mailserver.dkim.DkimKey;
import org.facteur.mailserver.dkim.DkimKeys;
import org.facteur.mailserver.dkim.DkimSigner;

/**
 * The cost of DKIM: making a domain's keys, and signing one message (both signatures) of 4 KB and of 1 MB.
 * Not a test: {@code java -cp mail-server/target/classes:mail-server/target/test-classes
 * org.facteur.mailserver.bench.DkimSigningCost} (it needs nothing but the JDK).
 */
public final class DkimSigningCost {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("dkim-bench");
        DkimKeys keys = new DkimKeys(dir);
        long t0 = System.nanoTime();
        keys.ensure("example.org");
        System.out.printf("keys for one domain (RSA 2048 + Ed25519): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        List<DkimKey> signing = keys.signingKeys("example.org");
        for (int size : new int[] {4 * 1024, 1024 * 1024}) {
            byte[] message = message(size);
            for (List<DkimKey> set : List.of(signing, List.of(signing.get(0)), List.of(signing.get(1)))) {
                int n = size > 100_000 ? 100 : 2000;
                for (int i = 0; i < n / 4; i++) {
                    DkimSigner.sign(message, set, Instant.now());
                }
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    DkimSigner.sign(message, set, Instant.now());
                }
                double micros = (System.nanoTime() - start) / 1000.0 / n;
                System.out.printf("%7d-byte message, %-32s %8.0f us/message%n", size,
                        set.stream().map(k -> k.algorithm().tag()).toList(), micros);
            }
        }
    }

    private static byte[] message(int size) {
        StringBuilder m = new StringBuilder("From: Alice <alice@example.org>\r\nTo: bob@remote.test\r\nSubject: Bench\r\n"
                + "Date: Tue, 1 Dec 2026 17:00:00 +0000\r\nMessage-ID: <b@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n");
        while (m.length() < size) {
            m.append("The quick brown fox jumps over the lazy dog, again and  again.\r\n");
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }
}
