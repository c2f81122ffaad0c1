package org.facteur.pgp.autocrypt;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.facteur.pgp.OpenPgp;
import org.facteur.pgp.PgpException;
import org.facteur.pgp.UnlockedKey;

/**
 * Autocrypt Setup Message (Level 1 §4.4): the user's secret key, encrypted with a fresh Setup
 * Code, mailed to themselves so another device can import it.
 */
public final class SetupMessage {
  public static final String HEADER = "Autocrypt-Setup-Message";
  public static final String CONTENT_TYPE = "application/autocrypt-setup";
  private static final Session SESSION = Session.getInstance(new Properties());

  private final OpenPgp pgp;

  public SetupMessage(OpenPgp pgp) {
    this.pgp = pgp;
  }

  /** The message, and the code to show the user (never sent). */
  public record Created(MimeMessage message, SetupCode code) {}

  public Created create(UnlockedKey key, String address, PreferEncrypt preferEncrypt) {
    SetupCode code = SetupCode.random();
    String armoredKey = key.armoredUnprotected().replaceFirst("\n",
        "\nAutocrypt-Prefer-Encrypt: " + (preferEncrypt == PreferEncrypt.MUTUAL ? "mutual" : "nopreference") + "\n");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Passphrase-Format", "numeric9x4");
    headers.put("Passphrase-Begin", code.begin());
    String encrypted = pgp.encryptWithPassphrase(armoredKey.getBytes(StandardCharsets.US_ASCII), code.formatted().toCharArray(), headers);
    try {
      MimeMessage message = new MimeMessage(SESSION);
      message.setFrom(new InternetAddress(address));
      message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(address));
      message.setSubject("Autocrypt Setup Message");
      message.setSentDate(new Date());
      message.setHeader(HEADER, "v1");
      MimeBodyPart text = new MimeBodyPart();
      text.setText("This message contains all information to transfer your Autocrypt settings along with your "
          + "secret key securely from your original device.\n\nTo set up your new device for Autocrypt, open "
          + "this message there and enter the Setup Code shown on the original device.\n", "UTF-8");
      MimeBodyPart setup = new MimeBodyPart();
      setup.setDataHandler(new jakarta.activation.DataHandler(
          new jakarta.mail.util.ByteArrayDataSource(encrypted.getBytes(StandardCharsets.US_ASCII), CONTENT_TYPE)));
      setup.setFileName("autocrypt-setup-message.txt");
      setup.setHeader("Content-Transfer-Encoding", "7bit");
      MimeMultipart mixed = new MimeMultipart("mixed");
      mixed.addBodyPart(text);
      mixed.addBodyPart(setup);
      message.setContent(mixed);
      message.saveChanges();
      return new Created(message, code);
    } catch (MessagingException e) {
      throw new PgpException("cannot build Autocrypt Setup Message: " + e.getMessage(), e);
    }
  }

  /** Decrypts the key with the code the user typed (dashes and spaces optional). */
  public UnlockedKey importKey(MimeMessage message, String typedCode) {
    try {
      String[] marker = message.getHeader(HEADER);
      if (marker == null || !"v1".equalsIgnoreCase(marker[0].trim())) {
        throw new PgpException("not an Autocrypt Setup Message (no " + HEADER + ": v1)");
      }
      byte[] encrypted = setupPart(message);
      byte[] armoredKey = pgp.decryptWithPassphrase(encrypted, new SetupCode(typedCode).formatted().toCharArray());
      return UnlockedKey.readUnprotected(armoredKey);
    } catch (MessagingException | IOException e) {
      throw new PgpException("unreadable Autocrypt Setup Message: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new PgpException("wrong setup code: " + e.getMessage(), e);
    }
  }

  private static byte[] setupPart(MimeMessage message) throws MessagingException, IOException {
    if (message.isMimeType(CONTENT_TYPE)) {
      return message.getInputStream().readAllBytes();
    }
    if (message.getContent() instanceof MimeMultipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType(CONTENT_TYPE)) {
          return part.getInputStream().readAllBytes();
        }
      }
    }
    throw new PgpException("Autocrypt Setup Message has no " + CONTENT_TYPE + " part");
  }
}
