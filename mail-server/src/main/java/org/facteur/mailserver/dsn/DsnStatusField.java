package org.facteur.mailserver.dsn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Makes the {@code Status} fields of a DSN that James's {@code DSNBounce} just made RFC 3464 status codes. After a
 * remote refusal James writes the whole SMTP reply there ({@code Status: 550 5.1.1 No such user here}), which the
 * RFC's grammar ({@code status-code = DIGIT "." 1*3DIGIT "." 1*3DIGIT}) does not allow and strict parsers reject; the
 * reply stays, whole, in {@code Diagnostic-Code} and in the human text. Runs first in the root processor on mail
 * carrying RemoteDelivery's {@code delivery-error} attribute, which the DSN inherits from the bounced mail; it acts on
 * null-sender multipart/report messages only, and removes the attribute.
 */
public final class DsnStatusField extends GenericMailet {
    static final AttributeName DELIVERY_ERROR = AttributeName.of("delivery-error");
    private static final Pattern STATUS_LINE = Pattern.compile("(?mi)^Status:[ \\t]*(.*?)[ \\t]*$");
    private static final Pattern ENHANCED = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final Pattern BASIC = Pattern.compile("^([245])\\d\\d\\b");

    @Override
    public void service(Mail mail) throws MessagingException {
        mail.removeAttribute(DELIVERY_ERROR);
        MimeMessage message = mail.getMessage();
        if (mail.hasSender() || !message.isMimeType("multipart/report")) {
            return;
        }
        MimeMultipart report;
        try {
            report = (MimeMultipart) message.getContent();
        } catch (IOException | ClassCastException e) {
            return; // not a report this mailet can read: passed on as it is
        }
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                String fields = read(part);
                String fixed = statusCodes(fields);
                if (!fixed.equals(fields)) {
                    part.setContent(fixed, "text/plain");
                    part.setHeader("Content-Type", "message/delivery-status");
                    message.setContent(report);
                    message.saveChanges();
                }
            }
        }
    }

    /** The fields with every Status value reduced to its status code. */
    static String statusCodes(String fields) {
        Matcher m = STATUS_LINE.matcher(fields);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("Status: " + statusCode(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code 5.1.1} from {@code 550 5.1.1 No such user}; {@code 5.0.0} from {@code 550 No}; {@code 5.0.0} otherwise. */
    static String statusCode(String value) {
        Matcher enhanced = ENHANCED.matcher(value);
        if (enhanced.find()) {
            return enhanced.group(1);
        }
        Matcher basic = BASIC.matcher(value);
        return basic.find() ? basic.group(1) + ".0.0" : "5.0.0";
    }

    private static String read(BodyPart part) throws MessagingException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MessagingException("cannot read the delivery-status part", e);
        }
    }
}
