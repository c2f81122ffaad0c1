package org.facteur.lists.digest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The MIME digest: {@code multipart/mixed} holding the table of contents ({@code text/plain}) then a
 * {@code multipart/digest} (RFC 2046 section 5.1.5) with one {@code message/rfc822} part per post, each the copy as
 * members get it, so that mail readers show each post as a message of its own (reply, save, attachments).
 */
final class MimeDigest extends DigestMail {

    @Override
    void body(MimeMessage digest, String toc, List<DigestEntry> entries, String end) throws MessagingException {
        MimeBodyPart contents = new MimeBodyPart();
        contents.setText(toc, StandardCharsets.UTF_8.name());
        MimeMultipart posts = new MimeMultipart("digest");
        for (DigestEntry entry : entries) {
            MimeBodyPart part = new MimeBodyPart();
            part.setContent(entry.message(), "message/rfc822");
            posts.addBodyPart(part);
        }
        MimeBodyPart postsPart = new MimeBodyPart();
        postsPart.setContent(posts);
        digest.setContent(new MimeMultipart(contents, postsPart));
    }
}
