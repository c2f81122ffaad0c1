package org.facteur.pgp.wkd;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.facteur.pgp.Certificate;

/**
 * Web Key Directory (draft-koch-openpgp-webkey-service): where a key is published and what is
 * served there. The local part is lower-cased (ASCII) before hashing, so lookups are
 * case-insensitive; the {@code l=} parameter keeps the original spelling.
 */
public final class WebKeyDirectory {
  private WebKeyDirectory() {}

  /** zbase32(SHA-1(lower-cased local part)): 32 characters. */
  public static String hashedLocalPart(String localPart) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(localPart.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return ZBase32.encode(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 missing from the JDK", e);
    }
  }

  /** Direct method: {@code /.well-known/openpgpkey/hu/<hash>?l=<local>} on the mail domain. */
  public static String directPath(String address) {
    String local = localPart(address);
    return "/.well-known/openpgpkey/hu/" + hashedLocalPart(local) + "?l=" + URLEncoder.encode(local, StandardCharsets.UTF_8);
  }

  /** Advanced method: same on {@code openpgpkey.<domain>}, under the domain's own directory. */
  public static String advancedPath(String address) {
    String local = localPart(address);
    return "/.well-known/openpgpkey/" + domain(address) + "/hu/" + hashedLocalPart(local) + "?l="
        + URLEncoder.encode(local, StandardCharsets.UTF_8);
  }

  /** The bytes to serve: binary certificate with only the user IDs for this address. */
  public static byte[] publishedKey(Certificate certificate, String address) {
    return certificate.filteredTo(address).binary();
  }

  static String localPart(String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0) {
      throw new IllegalArgumentException("not a mail address: " + address);
    }
    return address.substring(0, at);
  }

  static String domain(String address) {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }
}
