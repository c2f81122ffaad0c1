package org.facteur.lists.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads the failures out of a bounce: a delivery status notification (RFC 3464, {@code multipart/report;
 * report-type=delivery-status}, what Postfix, Exim with DSNs, Exchange, Gmail and Facteur send), or the common
 * non-standard forms (qmail's "Hi. This is the qmail-send program", Exim's {@code X-Failed-Recipients} with a text
 * body, and plain texts naming an address and an SMTP reply). Only failed recipients are returned: a report of
 * delay, delivery or relaying is not a bounce. Never throws on a damaged message: it then finds nothing.
 */
public final class BounceParser {
    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    private static final Pattern REPLY_CODE = Pattern.compile("(?m)(?:^|\\s)([45])(\\d)(\\d)[ -]");
    private static final Pattern ADDRESS = Pattern.compile("<?([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)>?");
    private static final Pattern QMAIL_RECIPIENT = Pattern.compile("(?m)^<([^>\\s]+@[^>\\s]+)>:\\s*$");
    private static final Pattern UNKNOWN_USER = Pattern.compile("(?i)user unknown|unknown user|no such (user|mailbox|recipient)"
            + "|mailbox (is )?unavailable|does not exist|doesn't exist|no mailbox here|address rejected|invalid recipient"
            + "|recipient not found|account (has been )?disabled|not our customer|unrouteable address");

    private BounceParser() {
    }

    public static List<Bounce> parse(MimeMessage message) {
        try {
            Optional<Part> status = deliveryStatus(message, 0);
            if (status.isPresent()) {
                return fromDeliveryStatus(text(status.get()));
            }
            String body = firstText(message, 0).orElse("");
            String[] failed = message.getHeader("X-Failed-Recipients");
            if (failed != null) {
                List<Bounce> bounces = new ArrayList<>();
                for (String field : failed) {
                    for (String address : field.split(",")) {
                        if (!address.isBlank()) {
                            bounces.add(fromText(address.strip(), body));
                        }
                    }
                }
                return bounces;
            }
            List<Bounce> qmail = qmail(body);
            if (!qmail.isEmpty()) {
                return qmail;
            }
            return plainText(body);
        } catch (MessagingException | IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The per-recipient blocks of a {@code message/delivery-status} body whose Action is {@code failed}. */
    static List<Bounce> fromDeliveryStatus(String report) {
        List<Bounce> bounces = new ArrayList<>();
        String[] blocks = report.replace("\r\n", "\n").split("\n\\s*\n");
        for (int i = 1; i < blocks.length; i++) { // the first block is about the message, the others about recipients
            Map<String, String> fields = fields(blocks[i]);
            String action = fields.getOrDefault("action", "").strip().toLowerCase(Locale.ROOT);
            if (!action.equals("failed")) {
                continue;
            }
            String recipient = address(fields.getOrDefault("final-recipient", fields.getOrDefault("original-recipient", "")));
            String diagnostic = oneLine(fields.getOrDefault("diagnostic-code", ""));
            String status = mostSpecific(fields.getOrDefault("status", "").strip(), diagnostic);
            bounces.add(new Bounce(recipient, status, BounceKind.ofStatus(status), diagnostic));
        }
        return bounces;
    }

    /** A failure named in free text: the enhanced code found there, else one guessed from the basic reply code and words. */
    static Bounce fromText(String recipient, String text) {
        String diagnostic = oneLine(around(text, recipient));
        String status = statusIn(diagnostic).or(() -> statusIn(text)).orElse("");
        if (status.isEmpty()) {
            Matcher reply = REPLY_CODE.matcher(diagnostic.isEmpty() ? text : diagnostic);
            boolean permanent = reply.find() ? reply.group(1).equals("5") : true;
            status = !permanent ? "4.0.0" : UNKNOWN_USER.matcher(text).find() ? "5.1.1" : "5.0.0";
        }
        return new Bounce(address(recipient), status, BounceKind.ofStatus(status), diagnostic);
    }

    private static List<Bounce> qmail(String body) {
        if (!body.contains("This is the qmail-send program")) {
            return List.of();
        }
        List<Bounce> bounces = new ArrayList<>();
        Matcher recipient = QMAIL_RECIPIENT.matcher(body);
        while (recipient.find()) {
            int end = body.indexOf("\n\n", recipient.end());
            String paragraph = body.substring(recipient.end(), end < 0 ? body.length() : end);
            bounces.add(fromText(recipient.group(1), paragraph));
        }
        return bounces;
    }

    /** A text that says one address failed, with an SMTP reply or the usual words; several addresses: each. */
    private static List<Bounce> plainText(String body) {
        if (!UNKNOWN_USER.matcher(body).find() && !ENHANCED.matcher(body).find()) {
            return List.of();
        }
        List<Bounce> bounces = new ArrayList<>();
        Matcher address = ADDRESS.matcher(body);
        List<String> seen = new ArrayList<>();
        while (address.find()) {
            String a = address.group(1).toLowerCase(Locale.ROOT);
            if (!seen.contains(a) && !a.startsWith("mailer-daemon@") && !a.startsWith("postmaster@")) {
                seen.add(a);
            }
        }
        for (String a : seen) {
            Bounce b = fromText(a, body);
            if (b.kind() != BounceKind.TRANSIENT || statusIn(b.diagnostic()).isPresent()) {
                bounces.add(b);
            }
        }
        return seen.size() == 1 ? bounces : bounces.stream().filter(b -> !b.diagnostic().isEmpty()).toList();
    }

    private static Optional<Part> deliveryStatus(Part part, int depth) throws MessagingException, IOException {
        if (depth > 5) {
            return Optional.empty();
        }
        String type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
            return Optional.of(part);
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<Part> found = deliveryStatus(multipart.getBodyPart(i), depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstText(Part part, int depth) throws MessagingException, IOException {
        if (depth > 5) {
            return Optional.empty();
        }
        if (part.isMimeType("text/plain")) {
            return Optional.of(text(part));
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (!child.isMimeType("message/rfc822")) {
                    Optional<String> found = firstText(child, depth + 1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A part's text, decoded from its transfer encoding, whatever handler Jakarta Mail has for its type. */
    private static String text(Part part) throws MessagingException, IOException {
        InputStream raw = part instanceof MimeBodyPart body ? body.getRawInputStream()
                : part instanceof MimeMessage message ? message.getRawInputStream() : part.getInputStream();
        String encoding = part instanceof MimeBodyPart body ? body.getEncoding()
                : part instanceof MimeMessage message ? message.getEncoding() : null;
        try (InputStream in = encoding == null ? raw : MimeUtility.decode(raw, encoding)) {
            byte[] bytes = in.readAllBytes();
            String charset = new ContentType(part.getContentType()).getParameter("charset");
            try {
                return new String(bytes, charset == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(MimeUtility.javaCharset(charset)));
            } catch (IllegalArgumentException unknownCharset) {
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
        }
    }

    private static Map<String, String> fields(String block) {
        Map<String, String> fields = new LinkedHashMap<>();
        String name = null;
        for (String line : block.split("\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                fields.merge(name, " " + line.strip(), String::concat);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                fields.putIfAbsent(name, line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    /** {@code rfc822; Bob@Example.org} → {@code bob@example.org}. */
    private static String address(String value) {
        String v = value.contains(";") ? value.substring(value.indexOf(';') + 1) : value;
        Matcher m = ADDRESS.matcher(v.strip());
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }

    /** A generic Status ({@code 5.0.0}) loses to the enhanced code in the diagnostic ({@code 550 5.1.1 ...}). */
    private static String mostSpecific(String status, String diagnostic) {
        Optional<String> said = statusIn(diagnostic);
        if (status.isEmpty() || status.endsWith(".0.0") && said.isPresent() && said.get().charAt(0) == status.charAt(0)) {
            return said.orElse(status);
        }
        return status;
    }

    private static Optional<String> statusIn(String text) {
        Matcher m = ENHANCED.matcher(text);
        return m.find() ? Optional.of(m.group(1) + "." + m.group(2) + "." + m.group(3)) : Optional.empty();
    }

    /** The lines about one address in a text: from its first mention to the next blank line. */
    private static String around(String text, String address) {
        int at = text.toLowerCase(Locale.ROOT).indexOf(address.toLowerCase(Locale.ROOT));
        if (at < 0) {
            return "";
        }
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf("\n\n", at);
        String about = text.substring(start, end < 0 ? text.length() : end);
        return statusIn(about).isPresent() || REPLY_CODE.matcher(about).find() ? about : "";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
