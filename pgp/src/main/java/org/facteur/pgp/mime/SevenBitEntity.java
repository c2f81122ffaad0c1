package org.facteur.pgp.mime;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * Makes a MIME entity safe to sign (RFC 3156 §3): every leaf gets quoted-printable (text) or
 * base64 so that no relay re-encodes it or strips trailing spaces and breaks the signature.
 */
final class SevenBitEntity {
  private SevenBitEntity() {}

  static byte[] of(byte[] entity) throws MessagingException, IOException {
    MimeBodyPart part = new MimeBodyPart(new ByteArrayInputStream(entity));
    if (!reencode(part)) {
      return entity;
    }
    MimeMultipart holder = new MimeMultipart();
    holder.addBodyPart(part);
    MimeMessage message = new MimeMessage(RawMessage.SESSION);
    message.setContent(holder);
    message.saveChanges();
    ByteArrayOutputStream out = new ByteArrayOutputStream(entity.length + 256);
    part.writeTo(out);
    return out.toByteArray();
  }

  private static boolean reencode(MimePart part) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      MimeMultipart multipart = (MimeMultipart) part.getContent();
      boolean changed = false;
      for (int i = 0; i < multipart.getCount(); i++) {
        changed |= reencode((MimeBodyPart) multipart.getBodyPart(i));
      }
      if (changed) {
        part.setContent(multipart);
      }
      return changed;
    }
    if (part.isMimeType("message/rfc822")) {
      return false;
    }
    String encoding = part.getEncoding() == null ? "7bit" : part.getEncoding().toLowerCase(Locale.ROOT);
    if (encoding.equals("quoted-printable") || encoding.equals("base64")) {
      return false;
    }
    byte[] decoded = part.getInputStream().readAllBytes();
    String contentType = part.getContentType();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(decoded, contentType)));
    part.setHeader("Content-Type", contentType);
    part.setHeader("Content-Transfer-Encoding", part.isMimeType("text/*") ? "quoted-printable" : "base64");
    return true;
  }
}
