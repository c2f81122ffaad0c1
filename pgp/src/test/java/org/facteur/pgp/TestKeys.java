package org.facteur.pgp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Keys shared by the tests (generation is cheap for Ed25519, but not free). */
public final class TestKeys {
  public static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
  /** One hour in the past, so that a re-signature made "now" is strictly newer. */
  public static final KeyGenerator GENERATOR =
      new KeyGenerator(Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));
  public static final GeneratedKey ALICE = generate("Alice", "alice@example.org");
  public static final GeneratedKey BOB = generate("Bob", "bob@example.org");
  public static final GeneratedKey MALLORY = generate("Mallory", "mallory@example.org");

  private TestKeys() {}

  public static GeneratedKey generate(String name, String address) {
    return GENERATOR.generate(KeySpec.forMailbox(name, address), PASSPHRASE);
  }

  public static UnlockedKey unlocked(GeneratedKey key) {
    return key.secretKey().unlock(PASSPHRASE);
  }

  public static Certificate cert(GeneratedKey key) {
    return key.secretKey().certificate();
  }
}
