package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FETCH {@code BODY[section]} of a message whose own Content-Type is {@code message/rfc822}, and of messages nested
 * in it, numbered as RFC 3501 §6.4.5 and Dovecot number them (imaptest's fetch-body-message-rfc822, -mime and -x2
 * groups, #15.7): part 1 is the whole encapsulated message, {@code 1.HEADER} and {@code 1.TEXT} its header and body,
 * {@code 1.1} the first part of its body. James 3.8.1 gave the encapsulated body for {@code BODY[1]}, nothing for
 * {@code 1.HEADER}, {@code 1.TEXT} and {@code 1.1}, and numbers one level off below. The usual forward, a
 * {@code message/rfc822} part inside multipart/mixed, was right and must stay so.
 */
class FetchMessageRfc822IT {
    static final String ALICE = "alice@example.org";
    static final String PASSWORD = "S3cret-pass";

    static final String MINUTES_HEADER = "From: Treasurer <treasurer@example.net>\r\nSubject: minutes\r\n"
            + "Date: Mon, 30 Nov 2026 18:00:00 +0100\r\n\r\n";
    static final String MINUTES = MINUTES_HEADER + "The minutes are attached.\r\n";
    static final String FORWARD_HEADER = "From: Secretary <secretary@example.org>\r\nTo: alice@example.org\r\n"
            + "Subject: Fwd: minutes\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n";

    static final String BUDGET = "From: treasurer@example.net\r\nSubject: budget\r\n\r\nBudget approved.\r\n";
    static final String BUDGET_FORWARD_HEADER = "Subject: Fwd: budget\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n";

    static final String AGENDA_HEADER = "Subject: agenda\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n";
    static final String AGENDA_BODY = "--b1\r\nContent-Type: text/plain\r\n\r\nSee the agenda.\r\n"
            + "--b1\r\nContent-Type: message/rfc822\r\n\r\nSubject: agenda items\r\n\r\n1. Budget\r\n--b1--\r\n";

    @TempDir
    Path data;

    @Test
    void partsOfMessagesThatAreMessageRfc822() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings);
             ImapDialogue imap = ImapDialogue.asNewUser(server, settings, ALICE, PASSWORD)) {
            append(imap, FORWARD_HEADER + MINUTES);
            append(imap, "Subject: Fwd: Fwd: budget\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n"
                    + BUDGET_FORWARD_HEADER + BUDGET);
            append(imap, "Subject: Fwd: agenda\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n"
                    + AGENDA_HEADER + AGENDA_BODY);
            assertThat(imap.command("SELECT INBOX")).contains("* 3 EXISTS");
            SoftAssertions soft = new SoftAssertions();

            soft.assertThat(section(imap, 1, "1")).isEqualTo(MINUTES);
            soft.assertThat(section(imap, 1, "1.HEADER")).isEqualTo(MINUTES_HEADER);
            soft.assertThat(section(imap, 1, "1.TEXT")).isEqualTo("The minutes are attached.\r\n");
            soft.assertThat(section(imap, 1, "1.1")).isEqualTo("The minutes are attached.\r\n");
            soft.assertThat(section(imap, 1, "1.MIME")).as("part 1's MIME header is the message's").isEqualTo(FORWARD_HEADER);
            soft.assertThat(section(imap, 1, "TEXT")).isEqualTo(MINUTES);
            soft.assertThat(section(imap, 1, "1.2")).as("no such part").isEmpty();

            soft.assertThat(section(imap, 2, "1")).isEqualTo(BUDGET_FORWARD_HEADER + BUDGET);
            soft.assertThat(section(imap, 2, "1.HEADER")).isEqualTo(BUDGET_FORWARD_HEADER);
            soft.assertThat(section(imap, 2, "1.TEXT")).isEqualTo(BUDGET);
            soft.assertThat(section(imap, 2, "1.1")).isEqualTo(BUDGET);
            soft.assertThat(section(imap, 2, "1.1.HEADER")).isEqualTo("From: treasurer@example.net\r\nSubject: budget\r\n\r\n");
            soft.assertThat(section(imap, 2, "1.1.TEXT")).isEqualTo("Budget approved.\r\n");
            soft.assertThat(section(imap, 2, "1.1.1")).isEqualTo("Budget approved.\r\n");

            soft.assertThat(section(imap, 3, "1")).isEqualTo(AGENDA_HEADER + AGENDA_BODY);
            soft.assertThat(section(imap, 3, "1.HEADER")).isEqualTo(AGENDA_HEADER);
            soft.assertThat(section(imap, 3, "1.TEXT")).isEqualTo(AGENDA_BODY);
            soft.assertThat(section(imap, 3, "1.1")).isEqualTo("See the agenda.");
            soft.assertThat(section(imap, 3, "1.1.MIME")).isEqualTo("Content-Type: text/plain\r\n\r\n");
            soft.assertThat(section(imap, 3, "1.2")).isEqualTo("Subject: agenda items\r\n\r\n1. Budget");
            soft.assertThat(section(imap, 3, "1.2.MIME")).isEqualTo("Content-Type: message/rfc822\r\n\r\n");
            soft.assertThat(section(imap, 3, "1.2.HEADER")).isEqualTo("Subject: agenda items\r\n\r\n");
            soft.assertThat(section(imap, 3, "1.2.TEXT")).isEqualTo("1. Budget");
            soft.assertThat(section(imap, 3, "1.2.1")).isEqualTo("1. Budget");

            String minutesText = "(\"TEXT\" \"PLAIN\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 27 1 NIL NIL NIL NIL)";
            String treasurer = "((\"Treasurer\" NIL \"treasurer\" \"example.net\"))";
            String budgetFrom = "((NIL NIL \"treasurer\" \"example.net\"))";
            soft.assertThat(imap.command("FETCH 1:3 (BODYSTRUCTURE)")).contains(
                    "* 1 FETCH (BODYSTRUCTURE (\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 127 "
                            + "(\"Mon, 30 Nov 2026 18:00:00 +0100\" \"minutes\" " + treasurer + " " + treasurer + " " + treasurer
                            + " NIL NIL NIL NIL NIL) " + minutesText + " 5 NIL NIL NIL NIL))\n",
                    "* 2 FETCH (BODYSTRUCTURE (\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 139 "
                            + "(NIL \"Fwd: budget\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 66 "
                            + "(NIL \"budget\" " + budgetFrom + " " + budgetFrom + " " + budgetFrom + " NIL NIL NIL NIL NIL) "
                            + "(\"TEXT\" \"PLAIN\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 18 1 NIL NIL NIL NIL) 4 NIL NIL NIL NIL) "
                            + "8 NIL NIL NIL NIL))\n",
                    "* 3 FETCH (BODYSTRUCTURE (\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 217 "
                            + "(NIL \"agenda\" NIL NIL NIL NIL NIL NIL NIL NIL) "
                            + "((\"TEXT\" \"PLAIN\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 15 0 NIL NIL NIL NIL)"
                            + "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 34 (NIL \"agenda items\" NIL NIL NIL NIL NIL NIL NIL NIL) "
                            + "(\"TEXT\" \"PLAIN\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 9 0 NIL NIL NIL NIL) 2 NIL NIL NIL NIL) "
                            + "\"MIXED\" (\"boundary\" \"b1\") NIL NIL NIL) 15 NIL NIL NIL NIL))\n");
            soft.assertAll();
        }
    }

    @Test
    void aForwardedMessageInsideMultipartMixedStaysRight() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings);
             ImapDialogue imap = ImapDialogue.asNewUser(server, settings, ALICE, PASSWORD)) {
            append(imap, "Subject: Fwd: minutes\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"f\"\r\n\r\n"
                    + "--f\r\nContent-Type: text/plain\r\n\r\nForwarded below.\r\n"
                    + "--f\r\nContent-Type: message/rfc822\r\n\r\n" + MINUTES + "--f--\r\n");
            assertThat(imap.command("SELECT INBOX")).contains("* 1 EXISTS");
            SoftAssertions soft = new SoftAssertions();

            String minutes = MINUTES.substring(0, MINUTES.length() - 2); // the CRLF before a boundary is the boundary's
            soft.assertThat(section(imap, 1, "1")).isEqualTo("Forwarded below.");
            soft.assertThat(section(imap, 1, "2")).isEqualTo(minutes);
            soft.assertThat(section(imap, 1, "2.HEADER")).isEqualTo(MINUTES_HEADER);
            soft.assertThat(section(imap, 1, "2.TEXT")).isEqualTo("The minutes are attached.");
            soft.assertThat(section(imap, 1, "2.1")).isEqualTo("The minutes are attached.");
            soft.assertThat(section(imap, 1, "2.MIME")).isEqualTo("Content-Type: message/rfc822\r\n\r\n");
            soft.assertThat(section(imap, 1, "3")).as("no such part").isEmpty();
            soft.assertAll();
        }
    }

    private static void append(ImapDialogue imap, String message) throws Exception {
        assertThat(imap.append("INBOX", message.getBytes(StandardCharsets.US_ASCII))).contains(" OK");
    }

    /**
     * {@code BODY[section]} of message {@code number}, exactly, one section per FETCH as imaptest asks: James 3.8.1's
     * {@code FetchGroup} keeps only the first of several sections of one part asked in one FETCH (not #15.7).
     */
    private static String section(ImapDialogue imap, int number, String section) throws Exception {
        String reply = imap.commandKeepingLiterals("FETCH " + number + " (BODY.PEEK[" + section + "])");
        Matcher m = Pattern.compile(Pattern.quote("BODY[" + section + "]") + " \\{(\\d+)}\n").matcher(reply);
        return m.find() ? reply.substring(m.end(), m.end() + Integer.parseInt(m.group(1))) : "(no literal) " + reply;
    }
}
