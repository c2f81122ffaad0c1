package org.facteur.pgp.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.Decryption;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.SignatureStatus;
import org.facteur.pgp.UnlockedKey;

/** Opens multipart/encrypted (and inline PGP) messages and checks multipart/signed ones. */
final class PgpMimeReader {
  private final OpenPgp pgp;

  PgpMimeReader(OpenPgp pgp) {
    this.pgp = pgp;
  }

  MimeDecryption decrypt(MimeMessage message, UnlockedKey key, Collection<Certificate> verifiers) {
    byte[] ciphertext;
    try {
      if (!EncryptionDetector.isEncrypted(message)) {
        return new MimeDecryption.NotEncrypted();
      }
      ciphertext = ciphertextOf(RawMessage.reparse(message));
    } catch (MessagingException | IOException | IllegalArgumentException e) {
      return new MimeDecryption.Damaged("malformed PGP/MIME structure: " + e.getMessage());
    }
    return switch (pgp.decrypt(ciphertext, key, verifiers)) {
      case Decryption.Decrypted d -> opened(d, verifiers);
      case Decryption.NotEncryptedToThisKey n -> new MimeDecryption.NotEncryptedToThisKey(n.recipientKeyIds());
      case Decryption.Damaged d -> new MimeDecryption.Damaged(d.reason());
      case Decryption.NotEncrypted n -> new MimeDecryption.Damaged("PGP/MIME part holds no encrypted OpenPGP message");
    };
  }

  SignatureStatus verify(MimeMessage message, Collection<Certificate> certificates) {
    try {
      MimeMessage parsed = RawMessage.reparse(message);
      ContentType type = new ContentType(parsed.getContentType());
      if (!type.match("multipart/signed") || !"application/pgp-signature".equalsIgnoreCase(type.getParameter("protocol"))) {
        return new SignatureStatus.Unsigned();
      }
      return verifySigned(parsed.getRawInputStream().readAllBytes(), type, certificates);
    } catch (MessagingException | IOException | IllegalArgumentException e) {
      return new SignatureStatus.BadSignature("malformed multipart/signed: " + e.getMessage());
    }
  }

  private SignatureStatus verifySigned(byte[] rawBody, ContentType type, Collection<Certificate> certificates)
      throws MessagingException, IOException {
    List<byte[]> parts = MultipartSlicer.parts(rawBody, type.getParameter("boundary"));
    if (parts.size() != 2) {
      return new SignatureStatus.BadSignature("multipart/signed needs exactly 2 parts, found " + parts.size());
    }
    MimeBodyPart signaturePart = new MimeBodyPart(new ByteArrayInputStream(parts.get(1)));
    byte[] signature = signaturePart.getInputStream().readAllBytes();
    return pgp.verifyDetached(parts.getFirst(), signature, certificates);
  }

  private MimeDecryption opened(Decryption.Decrypted decrypted, Collection<Certificate> verifiers) {
    try {
      MimeBodyPart body = new MimeBodyPart(new ByteArrayInputStream(decrypted.plaintext()));
      ContentType type = new ContentType(body.getContentType());
      SignatureStatus signature = decrypted.signature();
      if (signature instanceof SignatureStatus.Unsigned && type.match("multipart/signed")) {
        // RFC 3156 §6.1: signed, then encrypted as a whole
        signature = verifySigned(body.getRawInputStream().readAllBytes(), type, verifiers);
      }
      Optional<String> subject = type.getParameter("protected-headers") == null
          ? Optional.empty()
          : Optional.ofNullable(body.getHeader("Subject", null)).map(PgpMimeReader::decodeText);
      return new MimeDecryption.Decrypted(body, signature, subject);
    } catch (MessagingException | IOException | IllegalArgumentException e) {
      return new MimeDecryption.Damaged("decrypted content is not a MIME entity: " + e.getMessage());
    }
  }

  private static String decodeText(String header) {
    try {
      return jakarta.mail.internet.MimeUtility.decodeText(jakarta.mail.internet.MimeUtility.unfold(header));
    } catch (java.io.UnsupportedEncodingException e) {
      return header;
    }
  }

  private static byte[] ciphertextOf(MimeMessage message) throws MessagingException, IOException {
    ContentType type = new ContentType(message.getContentType());
    if (!type.match("multipart/encrypted")) {
      return message.getInputStream().readAllBytes();
    }
    List<byte[]> parts = MultipartSlicer.parts(message.getRawInputStream().readAllBytes(), type.getParameter("boundary"));
    if (parts.size() != 2) {
      throw new IllegalArgumentException("multipart/encrypted needs exactly 2 parts, found " + parts.size());
    }
    return new MimeBodyPart(new ByteArrayInputStream(parts.get(1))).getInputStream().readAllBytes();
  }
}
