package org.facteur.pgp.mime;

import java.io.ByteArrayOutputStream;

/**
 * Quoted-printable for signed text (RFC 2045 §6.7, RFC 3156 §3): CRLF hard breaks, lines of at
 * most 76 characters, trailing spaces encoded, and "From " at a line start written "=46rom " so
 * that an mbox along the way cannot turn it into ">From " and break the signature.
 */
final class QuotedPrintable {
  private static final int MAX_LINE = 76;
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private QuotedPrintable() {}

  static byte[] encode(byte[] text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + text.length / 8 + 16);
    int lineStart = 0;
    for (int i = 0; i <= text.length; i++) {
      boolean end = i == text.length;
      if (end || text[i] == '\r' || text[i] == '\n') {
        encodeLine(text, lineStart, i, out);
        if (end) {
          break;
        }
        out.write('\r');
        out.write('\n');
        if (text[i] == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
          i++;
        }
        lineStart = i + 1;
      }
    }
    return out.toByteArray();
  }

  private static void encodeLine(byte[] text, int from, int to, ByteArrayOutputStream out) {
    int column = 0;
    for (int i = from; i < to; i++) {
      int b = text[i] & 0xff;
      boolean last = i == to - 1;
      boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last);
      if (i == from && b == 'F' && startsWith(text, i, to, "From ")) {
        literal = false;
      }
      int width = literal ? 1 : 3;
      if (column + width > MAX_LINE - 1 && !(last && column + width <= MAX_LINE)) {
        out.write('=');
        out.write('\r');
        out.write('\n');
        column = 0;
      }
      if (literal) {
        out.write(b);
      } else {
        out.write('=');
        out.write(HEX[b >> 4]);
        out.write(HEX[b & 0x0f]);
      }
      column += width;
    }
  }

  private static boolean startsWith(byte[] text, int at, int to, String prefix) {
    if (to - at < prefix.length()) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (text[at + k] != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
