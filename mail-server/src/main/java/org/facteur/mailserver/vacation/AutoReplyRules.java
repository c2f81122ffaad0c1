package org.facteur.mailserver.vacation;

import java.util.Locale;

import javax.mail.Address;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

/**
 * When an automatic reply may be sent at all (RFC 3834 section 2, RFC 5230 section 4.5): never to a null
 * or robot sender, never to another automatic message, never to list or bulk mail, and only when the
 * member is named in To or Cc (not a Bcc or a list copy).
 */
final class AutoReplyRules {
    private AutoReplyRules() {
    }

    static boolean deservesReply(String sender, String member, MimeMessage message) throws MessagingException {
        if (sender == null || sender.isEmpty() || sender.equalsIgnoreCase(member)) {
            return false;
        }
        String local = sender.substring(0, Math.max(0, sender.indexOf('@'))).toLowerCase(Locale.ROOT);
        if (local.equals("mailer-daemon") || local.equals("postmaster") || local.equals("listserv")
                || local.startsWith("owner-") || local.endsWith("-request") || local.endsWith("-owner")
                || local.endsWith("-bounces") || local.startsWith("noreply") || local.startsWith("no-reply")) {
            return false;
        }
        String autoSubmitted = message.getHeader("Auto-Submitted", null);
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return false;
        }
        String precedence = message.getHeader("Precedence", null);
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|list|junk")) {
            return false;
        }
        if (message.getHeader("List-Id") != null || message.getHeader("List-Post") != null
                || message.getHeader("List-Unsubscribe") != null || message.getHeader("X-Loop") != null) {
            return false;
        }
        return names(message.getRecipients(Message.RecipientType.TO), member)
                || names(message.getRecipients(Message.RecipientType.CC), member);
    }

    private static boolean names(Address[] addresses, String member) {
        if (addresses == null) {
            return false;
        }
        for (Address a : addresses) {
            if (a instanceof InternetAddress ia && member.equalsIgnoreCase(ia.getAddress())) {
                return true;
            }
        }
        return false;
    }
}
