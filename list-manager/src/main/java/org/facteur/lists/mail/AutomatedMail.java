package org.facteur.lists.mail;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises mail written by machines (bounces, vacation replies, other list robots), which must never get an
 * answer from a list robot and must never be distributed: answering them is how mail loops start.
 */
public final class AutomatedMail {
    private static final Pattern ROBOT_SENDER = Pattern.compile(
            "^(mailer-daemon|postmaster|daemon|sympa|listserv|majordomo|smartlist|mailman|noreply|no-reply|bounces?)([-+@].*)?$");

    private AutomatedMail() {
    }

    public static boolean isAutomated(IncomingMail mail) {
        if (mail.envelopeSender().isEmpty()) {
            return true;
        }
        String sender = mail.envelopeSender().toLowerCase(Locale.ROOT);
        if (ROBOT_SENDER.matcher(sender).matches()) {
            return true;
        }
        String autoSubmitted = mail.header("Auto-Submitted").orElse("no").trim().toLowerCase(Locale.ROOT);
        if (!autoSubmitted.startsWith("no")) {
            return true;
        }
        String precedence = mail.header("Precedence").orElse("").trim().toLowerCase(Locale.ROOT);
        if (precedence.equals("bulk") || precedence.equals("junk") || precedence.equals("list")) {
            return true;
        }
        String contentType = mail.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        return contentType.startsWith("multipart/report");
    }
}
