package org.facteur.pgp.autocrypt;

import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import org.facteur.pgp.Certificate;

/**
 * One {@code Autocrypt:} header (Autocrypt Level 1 §2.1): the sender address, its preference
 * and the (minimal) certificate sent as keydata.
 */
public record AutocryptHeader(String address, PreferEncrypt preferEncrypt, Certificate certificate) {
  public static final String NAME = "Autocrypt";
  private static final int LINE = 76;

  public AutocryptHeader {
    address = Objects.requireNonNull(address, "address").trim().toLowerCase(Locale.ROOT);
    Objects.requireNonNull(preferEncrypt, "preferEncrypt");
    Objects.requireNonNull(certificate, "certificate");
  }

  /** The header for a user's own key: minimal certificate for the address. */
  public static AutocryptHeader forKey(Certificate certificate, String address, PreferEncrypt preferEncrypt) {
    return new AutocryptHeader(address, preferEncrypt, certificate.minimalFor(address));
  }

  /** The header value, folded with CRLF + space so every line stays under 78 characters. */
  public String value() {
    StringBuilder value = new StringBuilder("addr=").append(address).append("; ");
    if (preferEncrypt == PreferEncrypt.MUTUAL) {
      value.append("prefer-encrypt=mutual; ");
    }
    value.append("keydata=");
    String base64 = Base64.getEncoder().encodeToString(certificate.binary());
    for (int i = 0; i < base64.length(); i += LINE) {
      value.append("\r\n ").append(base64, i, Math.min(base64.length(), i + LINE));
    }
    return value.toString();
  }
}
