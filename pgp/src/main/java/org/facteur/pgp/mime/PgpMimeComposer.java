package org.facteur.pgp.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** Writes the outer multipart/signed and multipart/encrypted messages as bytes. */
final class PgpMimeComposer {
  private PgpMimeComposer() {}

  static MimeMessage signed(RawMessage original, byte[] signedEntity, byte[] armoredSignature, String micalg)
      throws MessagingException {
    String boundary = RawMessage.newBoundary();
    ByteArrayOutputStream out = new ByteArrayOutputStream(signedEntity.length + armoredSignature.length + 2048);
    RawMessage.writeHeaders(out, original.otherHeaderLines);
    RawMessage.writeLine(out, "MIME-Version: 1.0");
    RawMessage.writeLine(out, "Content-Type: multipart/signed; micalg=" + micalg + ";");
    RawMessage.writeLine(out, "\tprotocol=\"application/pgp-signature\"; boundary=\"" + boundary + "\"");
    out.writeBytes(RawMessage.CRLF);
    RawMessage.writeLine(out, "This is an OpenPGP/MIME signed message (RFC 4880 and 3156)");
    RawMessage.writeLine(out, "--" + boundary);
    out.writeBytes(signedEntity);
    out.writeBytes(RawMessage.CRLF);
    RawMessage.writeLine(out, "--" + boundary);
    RawMessage.writeLine(out, "Content-Type: application/pgp-signature; name=\"signature.asc\"");
    RawMessage.writeLine(out, "Content-Description: OpenPGP digital signature");
    RawMessage.writeLine(out, "Content-Disposition: attachment; filename=\"signature.asc\"");
    out.writeBytes(RawMessage.CRLF);
    out.writeBytes(Canonical.crlf(armoredSignature));
    RawMessage.writeLine(out, "--" + boundary + "--");
    return RawMessage.parse(out.toByteArray());
  }

  static MimeMessage encrypted(RawMessage original, byte[] armoredCiphertext, HeaderProtection protection)
      throws MessagingException {
    String boundary = RawMessage.newBoundary();
    ByteArrayOutputStream out = new ByteArrayOutputStream(armoredCiphertext.length + 2048);
    List<String> outer = original.otherHeaderLines.stream()
        .map(l -> protection == HeaderProtection.HIDE_SUBJECT && RawMessage.headerName(l).equals("subject") ? "Subject: ..." : l)
        .toList();
    RawMessage.writeHeaders(out, outer);
    RawMessage.writeLine(out, "MIME-Version: 1.0");
    RawMessage.writeLine(out, "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";");
    RawMessage.writeLine(out, "\tboundary=\"" + boundary + "\"");
    out.writeBytes(RawMessage.CRLF);
    RawMessage.writeLine(out, "This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)");
    RawMessage.writeLine(out, "--" + boundary);
    RawMessage.writeLine(out, "Content-Type: application/pgp-encrypted");
    RawMessage.writeLine(out, "Content-Description: PGP/MIME version identification");
    out.writeBytes(RawMessage.CRLF);
    RawMessage.writeLine(out, "Version: 1");
    out.writeBytes(RawMessage.CRLF);
    RawMessage.writeLine(out, "--" + boundary);
    RawMessage.writeLine(out, "Content-Type: application/octet-stream; name=\"encrypted.asc\"");
    RawMessage.writeLine(out, "Content-Description: OpenPGP encrypted message");
    RawMessage.writeLine(out, "Content-Disposition: inline; filename=\"encrypted.asc\"");
    out.writeBytes(RawMessage.CRLF);
    out.writeBytes(Canonical.crlf(armoredCiphertext));
    RawMessage.writeLine(out, "--" + boundary + "--");
    return RawMessage.parse(out.toByteArray());
  }

}
