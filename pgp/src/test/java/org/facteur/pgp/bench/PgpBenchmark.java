package org.facteur.pgp.bench;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.security.SecureRandom;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.Decryption;
import org.facteur.pgp.GeneratedKey;
import org.facteur.pgp.KeyGenerator;
import org.facteur.pgp.KeySpec;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.UnlockedKey;
import org.facteur.pgp.mime.HeaderProtection;
import org.facteur.pgp.mime.PgpMime;

/**
 * Throughput of sign+encrypt and decrypt+verify, in process, single thread. Not a test; run:
 * {@code java -cp <test classpath> org.facteur.pgp.bench.PgpBenchmark [seconds-per-case]}.
 * Keys are unlocked once (as a mail server would cache them); the passphrase's S2K is measured
 * separately.
 */
public final class PgpBenchmark {
  private static final char[] PASSPHRASE = "benchmark".toCharArray();

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    OpenPgp pgp = new OpenPgp();
    KeyGenerator generator = new KeyGenerator();
    GeneratedKey alice = generator.generate(KeySpec.forMailbox("Alice", "alice@example.org"), PASSPHRASE);
    GeneratedKey bob = generator.generate(KeySpec.forMailbox("Bob", "bob@example.org"), PASSPHRASE);
    UnlockedKey aliceKey = alice.secretKey().unlock(PASSPHRASE);
    UnlockedKey bobKey = bob.secretKey().unlock(PASSPHRASE);
    Certificate aliceCert = alice.secretKey().certificate();
    Certificate bobCert = bob.secretKey().certificate();
    System.out.printf("java %s, %d cores, %.1f s per case%n", Runtime.version(), Runtime.getRuntime().availableProcessors(), seconds);

    for (int size : new int[] {2 * 1024, 1024 * 1024}) {
      byte[] plaintext = new byte[size];
      new SecureRandom().nextBytes(plaintext);
      String label = size < 1024 * 1024 ? "2 KiB" : "1 MiB";
      measure("sign+encrypt   " + label, seconds, () -> pgp.signAndEncrypt(plaintext, aliceKey, List.of(bobCert), true));
      byte[] message = pgp.signAndEncrypt(plaintext, aliceKey, List.of(bobCert), true);
      measure("decrypt+verify " + label, seconds, () -> {
        if (!(pgp.decrypt(message, bobKey, List.of(aliceCert)) instanceof Decryption.Decrypted d) || !d.signature().isVerified()) {
          throw new IllegalStateException("benchmark message did not verify");
        }
        return d;
      });
    }

    MimeMessage built = new MimeMessage(Session.getInstance(new Properties()));
    built.setFrom(new InternetAddress("carol@example.org"));
    built.setSubject("Benchmark");
    built.setText("x".repeat(2000) + "\n");
    built.saveChanges();
    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
    built.writeTo(raw);
    // as the server gets it: parsed from the SMTP stream
    MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(raw.toByteArray()));
    byte[] twoKiB = raw.toByteArray();
    measure("encrypt only (bytes) 2 KiB", seconds, () -> pgp.encrypt(twoKiB, List.of(bobCert), true));
    PgpMime mime = new PgpMime(pgp);
    measure("PGP/MIME encrypt at rest 2 KiB", seconds, () -> mime.encrypt(mail, List.of(bobCert), HeaderProtection.KEEP_SUBJECT));
    measure("unlock key (S2K, per passphrase)", seconds, () -> bob.secretKey().unlock(PASSPHRASE));
  }

  private static void measure(String name, double seconds, Supplier<Object> operation) {
    long warmupEnd = System.nanoTime() + (long) (seconds * 0.4e9);
    while (System.nanoTime() < warmupEnd) {
      operation.get();
    }
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    int count = 0;
    while (System.nanoTime() < end || count < 3) {
      operation.get();
      count++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("%-34s %9.1f msg/s  (%.2f ms each, n=%d)%n", name, count / elapsed, elapsed * 1000 / count, count);
  }
}
