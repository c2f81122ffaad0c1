package org.facteur.lists.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.mail.IncomingMail;
import org.facteur.lists.mail.MailComposer;

/** Delivery status notifications (RFC 3464) as Postfix writes them, from the null sender, about one recipient. */
public final class Dsns {
    private Dsns() {
    }

    /** A DSN to {@code to} (a VERP address): the copy to {@code failed} failed with {@code status} and this diagnostic. */
    public static IncomingMail failed(String to, String failed, String status, String diagnostic) {
        return report(to, failed, "failed", status, diagnostic);
    }

    /** A delay report: the copy to {@code recipient} is still being tried. */
    public static IncomingMail delayed(String to, String recipient) {
        return report(to, recipient, "delayed", "4.4.1", "451 4.4.1 connection timed out");
    }

    private static IncomingMail report(String to, String recipient, String action, String status, String diagnostic) {
        String raw = """
                From: MAILER-DAEMON@mx.remote.test (Mail Delivery System)
                To: %1$s
                Subject: Undelivered Mail Returned to Sender
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

                --B1
                Content-Type: text/plain; charset=us-ascii

                I'm sorry to have to inform you that your message could not be delivered.

                --B1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.remote.test

                Final-Recipient: rfc822; %2$s
                Action: %3$s
                Status: %4$s
                Diagnostic-Code: smtp; %5$s

                --B1--
                """.formatted(to, recipient, action, status, diagnostic);
        byte[] bytes = raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        try {
            return new IncomingMail("", to, Optional.empty(), new MimeMessage(MailComposer.session(), new ByteArrayInputStream(bytes)),
                    bytes.length);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
