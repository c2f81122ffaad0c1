package org.facteur.pgp.mime;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;

/**
 * Makes a MIME entity safe to sign (RFC 3156 §3): every leaf gets quoted-printable (text, with
 * our own encoder, see {@link QuotedPrintable}) or base64, so that no relay re-encodes it or
 * strips trailing spaces and breaks the signature.
 */
final class SevenBitEntity {
  private SevenBitEntity() {}

  static byte[] of(byte[] entity) throws MessagingException, IOException {
    MimeBodyPart root = new MimeBodyPart(new ByteArrayInputStream(entity));
    if (!root.isMimeType("multipart/*")) {
      return needsReencoding(root) ? serialize(reencoded(root)) : entity;
    }
    if (!reencodeChildren(root)) {
      return entity;
    }
    MimeMultipart holder = new MimeMultipart();
    holder.addBodyPart(root);
    MimeMessage message = new MimeMessage(RawMessage.SESSION);
    message.setContent(holder);
    message.saveChanges();
    return serialize(root);
  }

  private static boolean reencodeChildren(MimeBodyPart part) throws MessagingException, IOException {
    MimeMultipart multipart = (MimeMultipart) part.getContent();
    boolean changed = false;
    for (int i = 0; i < multipart.getCount(); i++) {
      MimeBodyPart child = (MimeBodyPart) multipart.getBodyPart(i);
      if (child.isMimeType("multipart/*")) {
        changed |= reencodeChildren(child);
      } else if (needsReencoding(child)) {
        multipart.removeBodyPart(i);
        multipart.addBodyPart(reencoded(child), i);
        changed = true;
      }
    }
    if (changed) {
      part.setContent(multipart);
    }
    return changed;
  }

  private static boolean needsReencoding(MimeBodyPart part) throws MessagingException {
    if (part.isMimeType("message/rfc822")) {
      return false;
    }
    String encoding = part.getEncoding() == null ? "7bit" : part.getEncoding().toLowerCase(Locale.ROOT);
    return !(encoding.equals("base64") || (encoding.equals("quoted-printable") && !part.isMimeType("text/*")));
  }

  /** A copy of the part whose body is re-encoded; text always goes through our QP encoder. */
  private static MimeBodyPart reencoded(MimeBodyPart part) throws MessagingException, IOException {
    byte[] decoded = part.getInputStream().readAllBytes();
    if (part.isMimeType("text/*")) {
      InternetHeaders headers = new InternetHeaders();
      for (String line : Collections.list(part.getAllHeaderLines())) {
        if (!RawMessage.headerName(line).equals("content-transfer-encoding")) {
          headers.addHeaderLine(line);
        }
      }
      headers.addHeader("Content-Transfer-Encoding", "quoted-printable");
      return new MimeBodyPart(headers, QuotedPrintable.encode(decoded));
    }
    String contentType = part.getContentType();
    MimeBodyPart copy = new MimeBodyPart();
    for (String line : Collections.list(part.getAllHeaderLines())) {
      copy.addHeaderLine(line);
    }
    copy.setDataHandler(new DataHandler(new ByteArrayDataSource(decoded, contentType)));
    copy.setHeader("Content-Type", contentType);
    copy.setHeader("Content-Transfer-Encoding", "base64");
    return copy;
  }

  private static byte[] serialize(MimeBodyPart part) throws MessagingException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    part.writeTo(out);
    return out.toByteArray();
  }
}
