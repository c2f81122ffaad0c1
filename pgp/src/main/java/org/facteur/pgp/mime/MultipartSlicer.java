package org.facteur.pgp.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a multipart body into the exact bytes of its parts (CRLF-canonical), as a signature over
 * the first part of multipart/signed must be checked on those bytes, not on a re-serialisation.
 */
final class MultipartSlicer {
  private MultipartSlicer() {}

  static List<byte[]> parts(byte[] rawBody, String boundary) {
    byte[] body = Canonical.crlf(rawBody);
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    List<byte[]> parts = new ArrayList<>();
    int start = -1;
    int lineStart = 0;
    while (lineStart < body.length) {
      int lineEnd = indexOfCrlf(body, lineStart);
      int next = lineEnd < 0 ? body.length : lineEnd + 2;
      if (startsWith(body, lineStart, delimiter)) {
        if (start >= 0) {
          parts.add(Arrays.copyOfRange(body, start, Math.max(start, lineStart - 2)));
        }
        if (startsWith(body, lineStart + delimiter.length, "--".getBytes(StandardCharsets.US_ASCII))) {
          return parts;
        }
        start = next;
      }
      lineStart = next;
    }
    throw new IllegalArgumentException("multipart body has no closing boundary --" + boundary + "--");
  }

  private static int indexOfCrlf(byte[] data, int from) {
    for (int i = from; i + 1 < data.length; i++) {
      if (data[i] == '\r' && data[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
    if (offset + prefix.length > data.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
