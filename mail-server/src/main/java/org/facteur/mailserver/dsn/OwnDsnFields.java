package org.facteur.mailserver.dsn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.Address;
import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.facteur.mailserver.mime.MessageIds;

/**
 * Corrects what James's {@code DSNBounce} cannot be configured to get right in the DSNs this server makes (sent by a
 * mailet with the null sender, multipart/report, From the configured {@code <sender>}: a DSN of another server that
 * SRS returns to the original sender is left as it came; first in the root processor):
 * <ul>
 *   <li>{@code Status} fields become RFC 3464 status codes: after a remote refusal James writes the whole SMTP reply
 *   there ({@code Status: 550 5.1.1 No such user here}), which the RFC's grammar ({@code DIGIT "." 1*3DIGIT "."
 *   1*3DIGIT}) does not allow and strict parsers reject; the reply stays whole in {@code Diagnostic-Code};</li>
 *   <li>{@code Reporting-MTA} names the configured hostname, not the address Java finds for the machine;</li>
 *   <li>the Message-ID is on the hostname, not on {@code localhost} as JavaMail makes it.</li>
 * </ul>
 * RemoteDelivery's {@code delivery-error} attribute, which the DSN inherits from the bounced mail, is removed.
 */
public final class OwnDsnFields extends GenericMailet {
    static final AttributeName DELIVERY_ERROR = AttributeName.of("delivery-error");
    private static final Pattern STATUS_LINE = Pattern.compile("(?mi)^Status:[ \\t]*(.*?)[ \\t]*$");
    private static final Pattern REPORTING_MTA_LINE = Pattern.compile("(?mi)^Reporting-MTA:.*$");
    private static final Pattern ENHANCED = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final Pattern BASIC = Pattern.compile("^([245])\\d\\d\\b");

    private String hostname;
    private String sender;

    @Override
    public void init() throws MessagingException {
        hostname = required("hostname");
        sender = required("sender");
    }

    private String required(String name) throws MessagingException {
        String value = getInitParameter(name);
        if (value == null || value.isBlank()) {
            throw new MessagingException("OwnDsnFields needs <" + name + ">");
        }
        return value.strip();
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        if (mail.hasSender() || !message.isMimeType("multipart/report") || !fromIs(message, sender)) {
            return;
        }
        mail.removeAttribute(DELIVERY_ERROR);
        MimeMultipart report;
        try {
            report = (MimeMultipart) message.getContent();
        } catch (IOException | ClassCastException e) {
            return; // not a report this mailet can read: passed on as it is
        }
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                part.setContent(fields(read(part), hostname), "text/plain");
                part.setHeader("Content-Type", "message/delivery-status");
            }
        }
        message.setContent(report);
        message.saveChanges();
        message.setHeader("Message-ID", MessageIds.create(hostname));
    }

    /** The delivery-status fields with every Status value reduced to its status code and Reporting-MTA the hostname. */
    static String fields(String fields, String hostname) {
        Matcher m = STATUS_LINE.matcher(fields);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("Status: " + statusCode(m.group(1))));
        }
        m.appendTail(out);
        return REPORTING_MTA_LINE.matcher(out).replaceAll(Matcher.quoteReplacement("Reporting-MTA: dns; " + hostname));
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

    private static boolean fromIs(MimeMessage message, String address) {
        try {
            Address[] from = message.getFrom();
            return from != null && from.length == 1 && from[0] instanceof InternetAddress a && address.equalsIgnoreCase(a.getAddress());
        } catch (MessagingException e) {
            return false;
        }
    }

    private static String read(BodyPart part) throws MessagingException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MessagingException("cannot read the delivery-status part", e);
        }
    }
}
