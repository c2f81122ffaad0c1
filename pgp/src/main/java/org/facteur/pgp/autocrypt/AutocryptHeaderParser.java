package org.facteur.pgp.autocrypt;

import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.PgpException;

/**
 * Parses an Autocrypt header value (Level 1 §2.1). Attributes starting with "_" are non-critical
 * and ignored; any other unknown attribute is critical, so the whole header is ignored. A
 * header without addr or keydata, or whose keydata is not a certificate that can encrypt, is
 * ignored too.
 */
public final class AutocryptHeaderParser {
  private AutocryptHeaderParser() {}

  public static Optional<AutocryptHeader> parse(String value) {
    Map<String, String> attributes = new HashMap<>();
    for (String attribute : value.replaceAll("\\s+", "").split(";")) {
      if (attribute.isEmpty()) {
        continue;
      }
      int eq = attribute.indexOf('=');
      if (eq <= 0) {
        return Optional.empty();
      }
      String name = attribute.substring(0, eq).toLowerCase(Locale.ROOT);
      String content = attribute.substring(eq + 1);
      switch (name) {
        case "addr", "prefer-encrypt", "keydata" -> {
          if (attributes.put(name, content) != null) {
            return Optional.empty();
          }
        }
        default -> {
          if (!name.startsWith("_")) {
            return Optional.empty();
          }
        }
      }
    }
    String address = attributes.get("addr");
    String keyData = attributes.get("keydata");
    if (address == null || keyData == null || !address.contains("@")) {
      return Optional.empty();
    }
    PreferEncrypt prefer = "mutual".equalsIgnoreCase(attributes.get("prefer-encrypt"))
        ? PreferEncrypt.MUTUAL : PreferEncrypt.NOPREFERENCE;
    try {
      Certificate certificate = Certificate.read(Base64.getDecoder().decode(keyData));
      if (!certificate.canEncrypt()) {
        return Optional.empty();
      }
      return Optional.of(new AutocryptHeader(address, prefer, certificate));
    } catch (IllegalArgumentException | PgpException e) {
      return Optional.empty();
    }
  }
}
