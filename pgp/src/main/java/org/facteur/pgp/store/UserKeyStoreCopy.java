package org.facteur.pgp.store;

import java.util.Optional;
import org.facteur.pgp.RevocationCertificate;
import org.facteur.pgp.SecretKey;

/** Copies every member's OpenPGP material and settings from one {@link UserKeyStore} to another (files into a database). */
public final class UserKeyStoreCopy {
  private UserKeyStoreCopy() {
  }

  /**
   * Copies each user of {@code from} that {@code to} does not have (what {@code to} holds wins); returns how many. The
   * certificate is copied after the key (it may carry a revocation).
   */
  public static int copyMissing(UserKeyStore from, UserKeyStore to) {
    java.util.Set<String> present = java.util.Set.copyOf(to.users());
    int users = 0;
    for (String user : from.users()) {
      if (present.contains(user)) {
        continue;
      }
      Optional<SecretKey> secret = from.secretKey(user);
      Optional<RevocationCertificate> revocation = from.revocation(user);
      if (secret.isPresent() && revocation.isPresent()) {
        to.saveKey(user, secret.get(), revocation.get());
      }
      from.certificate(user).ifPresent(c -> to.saveCertificate(user, c));
      PgpSettings settings = from.settings(user);
      if (!settings.equals(PgpSettings.DISABLED)) {
        to.saveSettings(user, settings);
      }
      from.peers(user).forEach(p -> to.savePeer(user, p));
      users++;
    }
    return users;
  }
}
