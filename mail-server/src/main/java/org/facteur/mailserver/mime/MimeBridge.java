package org.facteur.mailserver.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/**
 * James's Mailet API speaks javax.mail; Facteur's cores (list-manager, pgp) speak Jakarta Mail. Messages cross as
 * bytes. On the way back they become messages that are written exactly as they were made: their headers may
 * change, but nothing is re-encoded or re-numbered when James saves them (PGP/MIME bytes, the poster's
 * Message-ID on list copies).
 */
public final class MimeBridge {
    private static final Session JAVAX = Session.getInstance(new Properties());
    private static final jakarta.mail.Session JAKARTA = jakarta.mail.Session.getInstance(new Properties());

    private MimeBridge() {
    }

    public static jakarta.mail.internet.MimeMessage toJakarta(MimeMessage message) throws MessagingException, IOException {
        try {
            return new org.facteur.lists.mail.ListMimeMessage(JAKARTA, new ByteArrayInputStream(bytes(message)));
        } catch (jakarta.mail.MessagingException e) {
            throw new MessagingException("Cannot read the message: " + e.getMessage(), e);
        }
    }

    public static MimeMessage toJavax(jakarta.mail.internet.MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (jakarta.mail.MessagingException e) {
            throw new MessagingException("Cannot write the message: " + e.getMessage(), e);
        }
        return new ExactMimeMessage(out.toByteArray());
    }

    public static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
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
            // nothing to update: recomputing Content-Type, encodings or Message-ID would change what was made
        }
    }
}
