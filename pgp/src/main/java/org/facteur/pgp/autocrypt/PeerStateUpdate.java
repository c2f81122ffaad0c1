package org.facteur.pgp.autocrypt;

import java.time.Instant;
import java.util.Optional;

/**
 * Autocrypt Level 1 update rules (§2.3): nothing from mailing lists or delivery reports;
 * nothing from a message older than the stored autocrypt_timestamp; last_seen only moves
 * forward; a header (from a message at least as new) replaces key and preference. A peer first
 * seen without a header gets no state: there is no key to remember.
 */
public final class PeerStateUpdate {
  private PeerStateUpdate() {}

  public static Optional<PeerState> apply(Optional<PeerState> current, IncomingMessage message) {
    Instant date = message.effectiveDate();
    if (message.fromMailingList() || message.isReport()
        || current.map(state -> date.isBefore(state.autocryptTimestamp())).orElse(false)) {
      return current;
    }
    Instant lastSeen = current.map(PeerState::lastSeen).filter(seen -> seen.isAfter(date)).orElse(date);
    if (message.header().isPresent()) {
      AutocryptHeader header = message.header().get();
      return Optional.of(new PeerState(message.from(), lastSeen, date, header.certificate(), header.preferEncrypt()));
    }
    return current.map(state ->
        new PeerState(state.address(), lastSeen, state.autocryptTimestamp(), state.certificate(), state.preferEncrypt()));
  }
}
