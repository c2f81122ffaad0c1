package org.facteur.pgp.autocrypt;

import java.util.Optional;

/**
 * Autocrypt Level 1 update rules (§2.3): nothing from mailing lists or delivery reports;
 * nothing from a message older than the stored autocrypt_timestamp; last_seen moves forward;
 * a header replaces key and preference. A peer first seen without a header gets no state.
 */
public final class PeerStateUpdate {
  private PeerStateUpdate() {}

  public static Optional<PeerState> apply(Optional<PeerState> current, IncomingMessage message) {
    if (message.fromMailingList() || message.isReport()) {
      return current;
    }
    if (current.isPresent() && message.effectiveDate().isBefore(current.get().autocryptTimestamp())) {
      return current;
    }
    if (message.header().isPresent()) {
      AutocryptHeader header = message.header().get();
      if (current.isPresent() && !message.effectiveDate().isAfter(current.get().lastSeen())
          && !message.effectiveDate().isAfter(current.get().autocryptTimestamp())) {
        return current;
      }
      var lastSeen = current.map(PeerState::lastSeen)
          .filter(seen -> seen.isAfter(message.effectiveDate()))
          .orElse(message.effectiveDate());
      return Optional.of(new PeerState(message.from(), lastSeen, message.effectiveDate(), header.certificate(), header.preferEncrypt()));
    }
    return current.map(state -> message.effectiveDate().isAfter(state.lastSeen())
        ? new PeerState(state.address(), message.effectiveDate(), state.autocryptTimestamp(), state.certificate(), state.preferEncrypt())
        : state);
  }
}
