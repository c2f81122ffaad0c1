package org.facteur.pgp.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Byte-level access to a message: its header lines split into content and other headers, its
 * raw body. PGP/MIME output is composed as bytes and parsed back, so what was signed is exactly
 * what is sent (a parsed MimeMessage writes its raw content unchanged).
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
    MimeMessage parsed = reparse(message);
    List<String> content = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (String line : Collections.list(parsed.getAllHeaderLines())) {
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
    return new RawMessage(content, other, parsed.getRawInputStream().readAllBytes());
  }

  /** Serialises and parses again, so that programmatically built messages have raw content. */
  static MimeMessage reparse(MimeMessage message) throws MessagingException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return parse(out.toByteArray());
  }

  static MimeMessage parse(byte[] bytes) throws MessagingException {
    return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
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
      out.writeBytes(Canonical.crlf(line.getBytes(StandardCharsets.UTF_8)));
      out.writeBytes(CRLF);
    }
  }

  static final byte[] CRLF = {'\r', '\n'};

  static void writeLine(ByteArrayOutputStream out, String line) {
    out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(CRLF);
  }
}
