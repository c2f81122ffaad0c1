package org.facteur.pgp.mime;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.util.Date;
import java.util.Properties;

/** Plain messages for the PGP/MIME tests. */
public final class TestMessages {
  public static final Session SESSION = Session.getInstance(new Properties());
  public static final String BODY = "Grüße from Alice!\nTrailing space here: \nFrom the start of a line.\n";

  private TestMessages() {}

  public static MimeMessage plainText(String subject) throws Exception {
    MimeMessage message = headers(subject);
    message.setText(BODY, "UTF-8");
    message.setHeader("Content-Transfer-Encoding", "8bit");
    message.saveChanges();
    return message;
  }

  public static MimeMessage withAttachment(String subject) throws Exception {
    MimeMessage message = headers(subject);
    MimeBodyPart text = new MimeBodyPart();
    text.setText(BODY, "UTF-8");
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setContent(new byte[] {0, 1, 2, (byte) 0xff, '\n', 'x'}, "application/octet-stream");
    attachment.setFileName("data.bin");
    MimeMultipart mixed = new MimeMultipart("mixed");
    mixed.addBodyPart(text);
    mixed.addBodyPart(attachment);
    message.setContent(mixed);
    message.saveChanges();
    return message;
  }

  private static MimeMessage headers(String subject) throws Exception {
    MimeMessage message = new MimeMessage(SESSION);
    message.setFrom(new InternetAddress("alice@example.org"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
    message.setSubject(subject, "UTF-8");
    message.setSentDate(new Date());
    return message;
  }

  public static byte[] bytes(MimeMessage message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return out.toByteArray();
  }
}
