package org.facteur.pgp.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.facteur.pgp.OpenPgp;

/**
 * Is a message already encrypted? PGP/MIME (multipart/encrypted with the pgp-encrypted protocol)
 * or inline PGP (a text/plain body that is an armored PGP MESSAGE). A multipart/mixed with an
 * inline-encrypted first part is NOT treated as encrypted: its attachments may be plaintext.
 */
final class EncryptionDetector {
  private EncryptionDetector() {}

  static boolean isEncrypted(MimeMessage message) {
    try {
      ContentType type = new ContentType(message.getContentType() == null ? "text/plain" : message.getContentType());
      if (type.match("multipart/encrypted")) {
        return "application/pgp-encrypted".equalsIgnoreCase(type.getParameter("protocol"));
      }
      if (type.match("text/plain")) {
        byte[] decoded = message.getInputStream().readAllBytes();
        return OpenPgp.looksLikeArmoredMessage(new String(decoded, StandardCharsets.US_ASCII));
      }
      return false;
    } catch (MessagingException | IOException e) {
      return false;
    }
  }
}
