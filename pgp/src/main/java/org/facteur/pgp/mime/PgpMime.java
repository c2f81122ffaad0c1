package org.facteur.pgp.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Collection;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.PgpException;
import org.facteur.pgp.SignatureStatus;
import org.facteur.pgp.UnlockedKey;

/**
 * PGP/MIME (RFC 3156) for Jakarta Mail messages. Outputs are parsed MimeMessages whose raw
 * content is exactly what was signed/encrypted; add headers freely, but do not call setContent.
 */
public final class PgpMime {
  /** RFC 3156 name of the hash {@link OpenPgp} signs with (SHA-512). */
  public static final String MICALG = "pgp-sha512";

  private final OpenPgp pgp;
  private final PgpMimeReader reader;

  public PgpMime() {
    this(new OpenPgp());
  }

  public PgpMime(OpenPgp pgp) {
    this.pgp = pgp;
    this.reader = new PgpMimeReader(pgp);
  }

  /** multipart/signed over the 7-bit-safe, CRLF-canonical body; headers stay outside. */
  public MimeMessage sign(MimeMessage message, UnlockedKey signer) {
    try {
      RawMessage raw = RawMessage.of(message);
      byte[] entity = Canonical.crlf(SevenBitEntity.of(InnerEntity.plain(raw)));
      byte[] signature = pgp.signDetached(entity, signer, true);
      return PgpMimeComposer.signed(raw, entity, signature, MICALG);
    } catch (MessagingException | IOException e) {
      throw new PgpException("cannot sign message: " + e.getMessage(), e);
    }
  }

  /** multipart/encrypted, signed inside (RFC 3156 §6.2); Subject protected and hidden. */
  public MimeMessage signAndEncrypt(MimeMessage message, UnlockedKey signer, Collection<Certificate> recipients) {
    return encrypt(message, signer, recipients, HeaderProtection.HIDE_SUBJECT);
  }

  /** multipart/encrypted, signed inside (RFC 3156 §6.2), with the chosen header protection. */
  public MimeMessage signAndEncrypt(
      MimeMessage message, UnlockedKey signer, Collection<Certificate> recipients, HeaderProtection protection) {
    return encrypt(message, signer, recipients, protection);
  }

  /** multipart/encrypted to the recipients only, unsigned (e.g. for encryption at rest). */
  public MimeMessage encrypt(MimeMessage message, Collection<Certificate> recipients, HeaderProtection protection) {
    return encrypt(message, null, recipients, protection);
  }

  private MimeMessage encrypt(
      MimeMessage message, UnlockedKey signer, Collection<Certificate> recipients, HeaderProtection protection) {
    try {
      RawMessage raw = RawMessage.of(message);
      // not re-canonicalised: a binary-encoded part would be corrupted, and stored mail must come back intact
      byte[] entity = InnerEntity.withProtectedHeaders(raw);
      byte[] ciphertext = signer == null
          ? pgp.encrypt(entity, recipients, true)
          : pgp.signAndEncrypt(entity, signer, recipients, true);
      return PgpMimeComposer.encrypted(raw, ciphertext, protection);
    } catch (MessagingException | IOException e) {
      throw new PgpException("cannot encrypt message: " + e.getMessage(), e);
    }
  }

  public MimeDecryption decrypt(MimeMessage message, UnlockedKey key, Collection<Certificate> verifiers) {
    return reader.decrypt(message, key, verifiers);
  }

  /** Checks a multipart/signed message; anything else is Unsigned. */
  public SignatureStatus verify(MimeMessage message, Collection<Certificate> certificates) {
    return reader.verify(message, certificates);
  }

  /**
   * Checks a multipart/signed message given as the bytes received: the first part is cut out of these
   * bytes as they are (line ends made CRLF), never re-serialised; anything else is Unsigned.
   */
  public SignatureStatus verify(byte[] rawMessage, Collection<Certificate> certificates) {
    try {
      return reader.verify(RawMessage.parse(rawMessage), certificates);
    } catch (MessagingException e) {
      return new SignatureStatus.BadSignature("malformed multipart/signed: " + e.getMessage());
    }
  }

  /** True for PGP/MIME encrypted or inline-PGP encrypted messages: do not encrypt them again. */
  public static boolean isEncrypted(MimeMessage message) {
    return EncryptionDetector.isEncrypted(message);
  }
}
