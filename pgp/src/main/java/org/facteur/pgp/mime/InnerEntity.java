package org.facteur.pgp.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The MIME entity that gets signed or encrypted: the message's content headers and raw body. */
final class InnerEntity {
  private static final Set<String> PROTECTED = Set.of("subject", "from", "to", "cc", "reply-to", "date", "message-id");

  private InnerEntity() {}

  static byte[] plain(RawMessage message) {
    return compose(List.of(), message.contentHeaderLines, message.body);
  }

  /** With protected headers (legacy "protected-headers=v1" scheme used by Enigmail, Thunderbird, K-9). */
  static byte[] withProtectedHeaders(RawMessage message) throws MessagingException {
    List<String> protectedLines = message.otherHeaderLines.stream()
        .filter(l -> PROTECTED.contains(RawMessage.headerName(l)))
        .toList();
    List<String> contentLines = new ArrayList<>();
    for (String line : message.contentHeaderLines) {
      if (RawMessage.headerName(line).equals("content-type")) {
        ContentType type = new ContentType(line.substring(line.indexOf(':') + 1).trim());
        if (type.getParameterList() != null) {
          type.getParameterList().remove("protected-headers");
        }
        // quoted as the clients that introduced the scheme write it
        contentLines.add("Content-Type: " + type + "; protected-headers=\"v1\"");
      } else {
        contentLines.add(line);
      }
    }
    return compose(protectedLines, contentLines, message.body);
  }

  private static byte[] compose(List<String> first, List<String> contentLines, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 512);
    List<String> all = new ArrayList<>(first);
    all.addAll(contentLines);
    RawMessage.writeHeaders(out, all);
    out.writeBytes(RawMessage.CRLF);
    out.writeBytes(body);
    return out.toByteArray();
  }
}
