package org.facteur.pgp.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Byte-level access to a message: its header lines split into content and other headers, its
 * raw body. PGP/MIME output is composed as bytes and parsed back, so what was signed is exactly
 * what is sent (a parsed MimeMessage writes its raw content unchanged). Header bytes are carried
 * as ISO-8859-1 strings, so raw 8-bit headers (RFC 6532 UTF-8 or legacy charsets) come out
 * byte for byte as they went in.
 */
final class RawMessage {
  static final Session SESSION = Session.getInstance(new Properties());
  private static final SecureRandom RANDOM = new SecureRandom();

  final List<String> contentHeaderLines;
  final List<String> otherHeaderLines;
  final byte[] body;

  private RawMessage(List<String> contentHeaderLines, List<String> otherHeaderLines, byte[] body) {
    this.contentHeaderLines = contentHeaderLines;
    this.otherHeaderLines = otherHeaderLines;
    this.body = body;
  }

  static RawMessage of(MimeMessage message) throws MessagingException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    byte[] bytes = out.toByteArray();
    int bodyStart = bodyStart(bytes);
    List<String> content = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (String line : headerLines(new String(bytes, 0, bodyStart, StandardCharsets.ISO_8859_1))) {
      String name = headerName(line);
      if (name.startsWith("content-")) {
        content.add(line);
      } else if (!name.equals("mime-version")) {
        other.add(line);
      }
    }
    if (content.stream().noneMatch(l -> headerName(l).equals("content-type"))) {
      content.addFirst("Content-Type: text/plain; charset=us-ascii");
    }
    return new RawMessage(content, other, Arrays.copyOfRange(bytes, bodyStart, bytes.length));
  }

  /** Serialises and parses again, so that programmatically built messages have raw content. */
  static MimeMessage reparse(MimeMessage message) throws MessagingException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return parse(out.toByteArray());
  }

  /**
   * A MimeMessage over these exact bytes. Headers are split here rather than by Jakarta Mail's
   * parser, which looks up its StreamProvider through ServiceLoader on every message (40% of
   * the PGP/MIME time in the benchmark).
   */
  static MimeMessage parse(byte[] bytes) throws MessagingException {
    int bodyStart = bodyStart(bytes);
    return new ComposedMimeMessage(
        headerLines(new String(bytes, 0, bodyStart, StandardCharsets.ISO_8859_1)), Arrays.copyOfRange(bytes, bodyStart, bytes.length));
  }

  /** Offset just after the blank line ending the header section (or the end, if none). */
  private static int bodyStart(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
          return i + 2;
        }
        if (i + 2 < bytes.length && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return bytes.length;
  }

  /** Logical header lines, folded continuation lines joined with their CRLF kept. */
  private static List<String> headerLines(String headerSection) {
    List<String> lines = new ArrayList<>();
    for (String physical : headerSection.split("\r?\n")) {
      if (physical.isEmpty()) {
        continue;
      }
      if ((physical.charAt(0) == ' ' || physical.charAt(0) == '\t') && !lines.isEmpty()) {
        lines.set(lines.size() - 1, lines.getLast() + "\r\n" + physical);
      } else {
        lines.add(physical);
      }
    }
    return lines;
  }

  /** A parsed-looking message: writeTo copies headers and raw content unchanged. */
  private static final class ComposedMimeMessage extends MimeMessage {
    ComposedMimeMessage(List<String> headerLines, byte[] body) throws MessagingException {
      super(SESSION);
      headers = new jakarta.mail.internet.InternetHeaders();
      for (String line : headerLines) {
        headers.addHeaderLine(line);
      }
      content = body;
      modified = false;
      saved = true;
    }
  }

  static String headerName(String line) {
    int colon = line.indexOf(':');
    return (colon < 0 ? line : line.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
  }

  static String newBoundary() {
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    return "facteur-" + HexFormat.of().formatHex(random);
  }

  /** Appends header lines and the blank line, CRLF-terminated. */
  static void writeHeaders(ByteArrayOutputStream out, List<String> lines) {
    for (String line : lines) {
      out.writeBytes(Canonical.crlf(line.getBytes(StandardCharsets.ISO_8859_1)));
      out.writeBytes(CRLF);
    }
  }

  static final byte[] CRLF = {'\r', '\n'};

  static void writeLine(ByteArrayOutputStream out, String line) {
    out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(CRLF);
  }
}
