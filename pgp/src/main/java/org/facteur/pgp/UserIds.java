package org.facteur.pgp;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the mail address out of an OpenPGP user ID ("Name &lt;addr&gt;" or a bare address). */
public final class UserIds {
  private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>");

  private UserIds() {}

  /** The address in the user ID, lower-cased, or "" when there is none. */
  public static String address(String userId) {
    Matcher m = ANGLE_ADDRESS.matcher(userId);
    String found = m.find() ? m.group(1) : userId.trim();
    return found.contains("@") && !found.contains(" ") ? found.toLowerCase(Locale.ROOT) : "";
  }

  /** True when the user ID names this address (case-insensitive). */
  public static boolean matches(String userId, String address) {
    return !address.isBlank() && address(userId).equals(address.trim().toLowerCase(Locale.ROOT));
  }
}
