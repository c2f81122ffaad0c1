package org.facteur.pgp.autocrypt;

import java.time.Instant;
import java.util.Objects;
import org.facteur.pgp.Certificate;

/** Autocrypt per-peer state (Level 1 §2.3): last_seen, autocrypt_timestamp, key, prefer_encrypt. */
public record PeerState(
    String address, Instant lastSeen, Instant autocryptTimestamp, Certificate certificate, PreferEncrypt preferEncrypt) {

  public PeerState {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(autocryptTimestamp, "autocryptTimestamp");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(preferEncrypt, "preferEncrypt");
  }
}
