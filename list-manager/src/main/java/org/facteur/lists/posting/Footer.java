package org.facteur.lists.posting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.facteur.lists.model.MailingList;

/**
 * Adds the list footer once. Plain text gets it appended after a signature separator; anything else (HTML,
 * multipart, signed mail) gets it as a separate text part in a multipart/mixed, which leaves signatures valid.
 */
final class Footer implements CopyDecorator {
    private static final String[] BODY_HEADERS = {"Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
        "Content-Description", "Content-ID", "Content-Language", "Content-MD5"};

    @Override
    public void decorate(MailingList list, MimeMessage copy) throws MessagingException {
        String footer = text(list);
        try {
            if (appendInPlace(copy, footer)) {
                return;
            }
        } catch (IOException | MessagingException e) {
            // An unknown charset or a broken multipart: the footer goes next to the body, which stays untouched.
        }
        try {
            MimeMultipart wrapper = new MimeMultipart("mixed", originalBody(copy), footerPart(footer));
            for (String header : BODY_HEADERS) {
                copy.removeHeader(header);
            }
            copy.setContent(wrapper);
        } catch (IOException e) {
            throw new MessagingException("Cannot read the post to add the footer: " + e.getMessage(), e);
        }
    }

    /** Plain text gets the footer appended, a multipart/mixed gets a last part; false for anything else. */
    private static boolean appendInPlace(MimeMessage copy, String footer) throws MessagingException, IOException {
        if (copy.isMimeType("text/plain") && copy.getContent() instanceof String body) {
            if (!body.stripTrailing().endsWith(footer.stripTrailing())) {
                String charset = new jakarta.mail.internet.ContentType(copy.getContentType()).getParameter("charset");
                copy.setText(body + (body.endsWith("\n") ? "" : "\n") + "-- \n" + footer + "\n",
                        charset == null ? StandardCharsets.UTF_8.name() : charset);
            }
            return true;
        }
        if (copy.isMimeType("multipart/mixed") && copy.getContent() instanceof MimeMultipart mixed) {
            if (!endsWithFooter(mixed, footer)) {
                mixed.addBodyPart(footerPart(footer));
                copy.setContent(mixed);
            }
            return true;
        }
        return false;
    }

    static String text(MailingList list) {
        String custom = list.footer().isBlank() ? "" : list.footer() + "\n";
        return custom + list.name() + " <" + list.address() + ">\n"
                + new org.facteur.lists.mail.Texts(list.language()).get("footer.unsubscribe", "mailto:" + list.unsubscribeAddress());
    }

    /** The post's body, byte for byte with its MIME headers, as the first part of the wrapper. */
    private static MimeBodyPart originalBody(MimeMessage copy) throws MessagingException, IOException {
        InternetHeaders headers = new InternetHeaders();
        for (String name : BODY_HEADERS) {
            String[] values = copy.getHeader(name);
            if (values != null) {
                for (String value : values) {
                    headers.addHeader(name, value);
                }
            }
        }
        try (var raw = copy.getRawInputStream()) {
            return new MimeBodyPart(headers, raw.readAllBytes());
        }
    }

    private static boolean endsWithFooter(MimeMultipart mixed, String footer) throws MessagingException, IOException {
        if (mixed.getCount() == 0) {
            return false;
        }
        BodyPart last = mixed.getBodyPart(mixed.getCount() - 1);
        return last.isMimeType("text/plain") && last.getContent() instanceof String s && s.strip().equals(footer.strip());
    }

    private static MimeBodyPart footerPart(String footer) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(footer + "\n", StandardCharsets.UTF_8.name());
        part.setDisposition("inline");
        return part;
    }
}
