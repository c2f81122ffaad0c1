package org.facteur.pgp.mime;

import java.io.ByteArrayOutputStream;

/** CRLF canonical form (RFC 3156 §5): every line ending becomes CR LF. */
final class Canonical {
  private Canonical() {}

  static byte[] crlf(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 40 + 2);
    for (int i = 0; i < data.length; i++) {
      byte b = data[i];
      if (b == '\r') {
        out.write('\r');
        out.write('\n');
        if (i + 1 < data.length && data[i + 1] == '\n') {
          i++;
        }
      } else if (b == '\n') {
        out.write('\r');
        out.write('\n');
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }
}
