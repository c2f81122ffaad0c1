package org.facteur.mailserver.lists;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

/**
 * James's Mailet API speaks javax.mail; Facteur's list manager speaks Jakarta Mail. Messages cross as bytes,
 * once per incoming mail and once per outgoing copy.
 */
final class MimeBridge {
    private static final javax.mail.Session JAVAX = javax.mail.Session.getInstance(new Properties());
    private static final jakarta.mail.Session JAKARTA = jakarta.mail.Session.getInstance(new Properties());

    private MimeBridge() {
    }

    static jakarta.mail.internet.MimeMessage toJakarta(javax.mail.internet.MimeMessage message)
            throws javax.mail.MessagingException, jakarta.mail.MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new org.facteur.lists.mail.ListMimeMessage(JAKARTA, new ByteArrayInputStream(out.toByteArray()));
    }

    static javax.mail.internet.MimeMessage toJavax(jakarta.mail.internet.MimeMessage message)
            throws javax.mail.MessagingException, jakarta.mail.MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new javax.mail.internet.MimeMessage(JAVAX, new ByteArrayInputStream(out.toByteArray()));
    }
}
