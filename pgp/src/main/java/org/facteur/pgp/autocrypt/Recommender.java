package org.facteur.pgp.autocrypt;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.facteur.pgp.PgpException;

/** Computes the Autocrypt recommendation for a set of recipients (Level 1 §2.4). */
public final class Recommender {
  /** A key not refreshed for 35 days before the last message seen from the peer is stale. */
  public static final Duration STALE_AFTER = Duration.ofDays(35);

  private Recommender() {}

  /**
   * @param selfPreferEncrypt the sending user's own prefer-encrypt setting
   * @param recipients recipient address to its stored state (empty when unknown)
   */
  public static Recommendation recommend(PreferEncrypt selfPreferEncrypt, Map<String, Optional<PeerState>> recipients) {
    if (recipients.isEmpty()) {
      return Recommendation.DISABLE;
    }
    Recommendation result = Recommendation.ENCRYPT;
    for (Optional<PeerState> state : recipients.values()) {
      Recommendation single = forOne(selfPreferEncrypt, state);
      if (single.compareTo(result) < 0) {
        result = single;
      }
    }
    return result;
  }

  static Recommendation forOne(PreferEncrypt self, Optional<PeerState> state) {
    if (state.isEmpty() || !usable(state.get())) {
      return Recommendation.DISABLE;
    }
    PeerState peer = state.get();
    Instant staleLimit = peer.lastSeen().minus(STALE_AFTER);
    if (peer.autocryptTimestamp().isBefore(staleLimit)) {
      return Recommendation.DISCOURAGE;
    }
    return self == PreferEncrypt.MUTUAL && peer.preferEncrypt() == PreferEncrypt.MUTUAL
        ? Recommendation.ENCRYPT : Recommendation.AVAILABLE;
  }

  private static boolean usable(PeerState peer) {
    try {
      return peer.certificate().canEncrypt();
    } catch (PgpException e) {
      return false;
    }
  }
}
