package org.facteur.pgp.store;

import java.util.Locale;

/**
 * Mail addresses as store keys: trimmed, lower-cased, and safe as a single path element (no
 * separators, no control characters, no leading dot), so an address can never escape the store.
 */
public final class Addresses {
  private Addresses() {}

  public static String normalize(String address) {
    String normalized = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
    int at = normalized.indexOf('@');
    boolean ok = at > 0 && at == normalized.lastIndexOf('@') && at < normalized.length() - 1
        && normalized.length() <= 254 && !normalized.startsWith(".")
        && normalized.chars().allMatch(c -> c > 0x20 && c != 0x7f && c != '/' && c != '\\' && c != ':');
    if (!ok) {
      throw new IllegalArgumentException("not a usable mail address: \"" + address + "\"");
    }
    return normalized;
  }
}
