package org.facteur.pgp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.facteur.pgp.TestKeys.ALICE;
import static org.facteur.pgp.TestKeys.BOB;
import static org.facteur.pgp.TestKeys.PASSPHRASE;
import static org.facteur.pgp.TestKeys.cert;

import java.time.Instant;
import org.facteur.pgp.autocrypt.PeerState;
import org.facteur.pgp.autocrypt.PreferEncrypt;
import org.junit.jupiter.api.Test;

/** What every {@link UserKeyStore} must do; run against each implementation. */
public abstract class UserKeyStoreContract {
  protected abstract UserKeyStore store();

  @Test
  void keysAreStoredAndFoundCaseInsensitively() {
    store().saveKey("Alice@Example.ORG", ALICE.secretKey(), ALICE.revocation());
    assertThat(store().secretKey("alice@example.org")).hasValueSatisfying(
        k -> assertThat(k.unlock(PASSPHRASE).fingerprint()).isEqualTo(cert(ALICE).fingerprint()));
    assertThat(store().certificate("ALICE@example.org")).contains(cert(ALICE));
    assertThat(store().revocation("alice@example.org")).contains(ALICE.revocation());
    assertThat(store().users()).containsExactly("alice@example.org");
    assertThat(store().secretKey("bob@example.org")).isEmpty();
  }

  @Test
  void unprotectedSecretKeysAreRefused() {
    assertThatThrownBy(() -> store().saveKey("alice@example.org", ALICE.secretKey().unlock(PASSPHRASE).lock(new char[0]), ALICE.revocation()))
        .hasMessageContaining("unprotected");
  }

  @Test
  void certificateCanBeReplacedForExampleWhenRevoked() {
    store().saveKey("alice@example.org", ALICE.secretKey(), ALICE.revocation());
    store().saveCertificate("alice@example.org", cert(ALICE).withRevocation(ALICE.revocation()));
    assertThat(store().certificate("alice@example.org")).hasValueSatisfying(c -> assertThat(c.isRevoked()).isTrue());
  }

  @Test
  void settingsDefaultToDisabledAndRoundTrip() {
    assertThat(store().settings("alice@example.org")).isEqualTo(PgpSettings.DISABLED);
    store().saveSettings("alice@example.org", new PgpSettings(true, false, true));
    assertThat(store().settings("ALICE@example.org")).isEqualTo(new PgpSettings(true, false, true));
  }

  @Test
  void peerStatesRoundTripPerUser() {
    PeerState bob = new PeerState("bob@example.org", Instant.parse("2026-10-01T10:00:00Z"),
        Instant.parse("2026-09-01T10:00:00Z"), cert(BOB), PreferEncrypt.MUTUAL);
    store().savePeer("alice@example.org", bob);
    assertThat(store().peer("alice@example.org", "BOB@example.org")).contains(bob);
    assertThat(store().peers("alice@example.org")).containsExactly(bob);
    assertThat(store().peers("carol@example.org")).isEmpty();
  }

  @Test
  void writesOfTheSameItemAtOnceAllSucceed() throws Exception {
    // an Autocrypt header from two messages delivered together, or two nodes copying the same member at start
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Instant seen = Instant.parse("2026-10-01T10:00:00Z").plusSeconds(i);
        writes.add(pool.submit(() -> store().savePeer("alice@example.org",
            new PeerState("bob@example.org", seen, seen, cert(BOB), PreferEncrypt.MUTUAL))));
      }
      for (var w : writes) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store().peers("alice@example.org")).singleElement()
        .satisfies(p -> assertThat(p.address()).isEqualTo("bob@example.org"));
  }

  @Test
  void deleteForgetsEverything() {
    store().saveKey("alice@example.org", ALICE.secretKey(), ALICE.revocation());
    assertThat(store().delete("Alice@example.org")).isTrue();
    assertThat(store().secretKey("alice@example.org")).isEmpty();
    assertThat(store().delete("alice@example.org")).isFalse();
  }

  @Test
  void addressesThatCouldEscapeTheStoreAreRejected() {
    for (String bad : new String[] {"../../etc@x", "a/b@example.org", "@example.org", "alice", ".hidden@x", "a@b@c"}) {
      assertThatThrownBy(() -> store().settings(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
