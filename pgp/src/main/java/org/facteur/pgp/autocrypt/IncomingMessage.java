package org.facteur.pgp.autocrypt;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the Autocrypt update rules need from a received message: sender, effective date (the
 * Date header, but never in the future), the one valid Autocrypt header for the sender (none if
 * there are several), and whether it comes from a mailing list or is a delivery report.
 */
public record IncomingMessage(
    String from, Instant effectiveDate, Optional<AutocryptHeader> header, boolean fromMailingList, boolean isReport) {

  public static IncomingMessage of(MimeMessage message, Clock clock) throws MessagingException {
    InternetAddress[] fromHeader = (InternetAddress[]) message.getFrom();
    if (fromHeader == null || fromHeader.length != 1) {
      throw new MessagingException("Autocrypt needs exactly one From address");
    }
    String from = fromHeader[0].getAddress().toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    Instant date = message.getSentDate() == null ? now : message.getSentDate().toInstant();
    if (date.isAfter(now)) {
      date = now;
    }
    List<AutocryptHeader> forSender = new ArrayList<>();
    String[] values = message.getHeader(AutocryptHeader.NAME);
    for (String value : values == null ? new String[0] : values) {
      AutocryptHeaderParser.parse(value).filter(h -> h.address().equals(from)).ifPresent(forSender::add);
    }
    Optional<AutocryptHeader> header = forSender.size() == 1 ? Optional.of(forSender.getFirst()) : Optional.empty();
    boolean list = message.getHeader("List-Id") != null;
    String type = message.getContentType();
    boolean report = type != null && new ContentType(type).match("multipart/report");
    return new IncomingMessage(from, date, header, list, report);
  }
}
