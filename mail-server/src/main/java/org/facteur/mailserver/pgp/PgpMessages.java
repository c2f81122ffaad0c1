package org.facteur.mailserver.pgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/**
 * James's Mailet API speaks javax.mail, facteur-pgp speaks Jakarta Mail: messages cross as bytes. PGP/MIME output
 * is exact bytes, so on the way back it becomes a message that never re-encodes its body.
 */
final class PgpMessages {
    private static final Session JAVAX = Session.getInstance(new Properties());
    private static final jakarta.mail.Session JAKARTA = jakarta.mail.Session.getInstance(new Properties());

    private PgpMessages() {
    }

    static jakarta.mail.internet.MimeMessage toJakarta(MimeMessage message) throws MessagingException, IOException {
        try {
            return new jakarta.mail.internet.MimeMessage(JAKARTA, new ByteArrayInputStream(bytes(message)));
        } catch (jakarta.mail.MessagingException e) {
            throw new MessagingException("Cannot read the message: " + e.getMessage(), e);
        }
    }

    static MimeMessage toJavax(jakarta.mail.internet.MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (jakarta.mail.MessagingException e) {
            throw new MessagingException("Cannot write the message: " + e.getMessage(), e);
        }
        return new ExactMimeMessage(out.toByteArray());
    }

    static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** Headers may change; the body is written exactly as parsed, even if someone calls saveChanges. */
    static final class ExactMimeMessage extends MimeMessage {
        ExactMimeMessage(byte[] bytes) throws MessagingException {
            super(JAVAX, new ByteArrayInputStream(bytes));
        }

        @Override
        protected void updateHeaders() {
            // nothing to update: recomputing Content-Type or encodings would break the PGP/MIME structure
        }
    }
}
