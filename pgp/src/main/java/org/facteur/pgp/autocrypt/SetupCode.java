package org.facteur.pgp.autocrypt;

import java.security.SecureRandom;

/** The Autocrypt Setup Code: 36 random digits shown as nine dash-separated blocks of four. */
public record SetupCode(String digits) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public SetupCode {
    digits = digits.replaceAll("[^0-9]", "");
    if (digits.length() != 36) {
      throw new IllegalArgumentException("a setup code has 36 digits, got " + digits.length());
    }
  }

  public static SetupCode random() {
    StringBuilder digits = new StringBuilder(36);
    for (int i = 0; i < 36; i++) {
      digits.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return new SetupCode(digits.toString());
  }

  /** "1234-5678-...": the form shown to the user and used as passphrase (numeric9x4). */
  public String formatted() {
    StringBuilder out = new StringBuilder(44);
    for (int i = 0; i < 36; i += 4) {
      if (i > 0) {
        out.append('-');
      }
      out.append(digits, i, i + 4);
    }
    return out.toString();
  }

  /** The first two digits, sent in the clear (Passphrase-Begin) to help the user type the rest. */
  public String begin() {
    return digits.substring(0, 2);
  }

  @Override
  public String toString() {
    return "SetupCode[" + begin() + "…]";
  }
}
