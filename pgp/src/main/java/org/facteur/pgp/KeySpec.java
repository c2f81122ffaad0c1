package org.facteur.pgp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to generate: user IDs (the first one is primary), algorithm and validity ({@code null} =
 * never expires).
 */
public record KeySpec(List<String> userIds, KeyAlgorithm algorithm, Duration validity) {
  public KeySpec {
    userIds = List.copyOf(userIds);
    if (userIds.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one user ID");
    }
    Objects.requireNonNull(algorithm, "algorithm");
    if (validity != null && (validity.isNegative() || validity.isZero())) {
      throw new IllegalArgumentException("validity must be positive, was " + validity);
    }
  }

  /** The default key for a mailbox: "Name &lt;address&gt;", Ed25519/Cv25519, no expiry. */
  public static KeySpec forMailbox(String name, String address) {
    String userId = name == null || name.isBlank() ? "<" + address + ">" : name + " <" + address + ">";
    return new KeySpec(List.of(userId), KeyAlgorithm.ED25519_CV25519, null);
  }

  public KeySpec withAlgorithm(KeyAlgorithm newAlgorithm) {
    return new KeySpec(userIds, newAlgorithm, validity);
  }

  public KeySpec withValidity(Duration newValidity) {
    return new KeySpec(userIds, algorithm, newValidity);
  }
}
