package org.facteur.pgp.store;

import java.util.List;
import java.util.Optional;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.RevocationCertificate;
import org.facteur.pgp.SecretKey;
import org.facteur.pgp.autocrypt.PeerState;

/** Per-user OpenPGP material and settings. Addresses are case-insensitive everywhere. */
public interface UserKeyStore {

  /** Stores the user's (protected) secret key, its certificate and the revocation certificate. */
  void saveKey(String address, SecretKey secretKey, RevocationCertificate revocation);

  /** Replaces the user's public certificate (e.g. after a revocation or a public-only import). */
  void saveCertificate(String address, Certificate certificate);

  Optional<SecretKey> secretKey(String address);

  Optional<Certificate> certificate(String address);

  Optional<RevocationCertificate> revocation(String address);

  /** The user's settings; {@link PgpSettings#DISABLED} when never saved. */
  PgpSettings settings(String address);

  void saveSettings(String address, PgpSettings settings);

  Optional<PeerState> peer(String user, String peerAddress);

  void savePeer(String user, PeerState state);

  List<PeerState> peers(String user);

  /** Users that have any OpenPGP material or settings stored. */
  List<String> users();

  /** Forgets everything about the user; true if there was something. */
  boolean delete(String address);
}
