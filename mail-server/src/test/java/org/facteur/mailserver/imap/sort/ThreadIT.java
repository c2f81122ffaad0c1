package org.facteur.mailserver.imap.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * THREAD and UID THREAD (RFC 5256, #15.14) through a socket, on a small discussion: replies by References and by
 * In-Reply-To only, a reply whose parent is not in the mailbox, a forward with no references, an RFC 2047 subject.
 * James 3.8.1 has no THREAD: it answered {@code BAD}.
 */
class ThreadIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static ImapDialogue imap;

    private static String message(String id, String date, String subject, String headers) {
        return "From: someone@example.net\r\nTo: alice@example.org\r\nDate: " + date + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + id + "@example.net>\r\n" + headers + "\r\nBody of " + id + "\r\n";
    }

    @BeforeAll
    static void fill() throws Exception {
        imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1");
        assertThat(imap.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
        assertThat(imap.command("CREATE Threads")).contains(" OK");
        String[] messages = {
            // 1: expunged below, so message numbers are UIDs minus one
            message("zero", "Sun, 01 Mar 2026 08:00:00 +0000", "to be removed", ""),
            // UID 2 / #1: the start of a discussion
            message("plan", "Mon, 02 Mar 2026 09:00:00 +0000", "=?UTF-8?Q?Plan_d=C3=A9m=C3=A9nagement?=", ""),
            // UID 3 / #2: a reply by References
            message("r1", "Mon, 02 Mar 2026 11:00:00 +0000", "Re: =?UTF-8?Q?Plan_d=C3=A9m=C3=A9nagement?=",
                    "In-Reply-To: <plan@example.net>\r\nReferences: <plan@example.net>\r\n"),
            // UID 4 / #3: another subject
            message("other", "Mon, 02 Mar 2026 10:00:00 +0000", "Lunch", ""),
            // UID 5 / #4: a reply by In-Reply-To only, sent before #2
            message("r2", "Mon, 02 Mar 2026 10:30:00 +0000", "Re: Plan déménagement",
                    "In-Reply-To: <plan@example.net>\r\n"),
            // UID 6 / #5: a reply to #2, threaded below it
            message("r3", "Tue, 03 Mar 2026 09:00:00 +0000", "Re: Re: Plan déménagement",
                    "References: <plan@example.net> <r1@example.net>\r\n"),
            // UID 7 / #6: a forward of the lunch with no references
            message("fwd", "Wed, 04 Mar 2026 09:00:00 +0000", "Fwd: Lunch", ""),
            // UID 8 / #7: two replies to a message that is not in this mailbox
            message("x1", "Thu, 05 Mar 2026 09:00:00 +0000", "Re: elsewhere", "References: <away@example.net>\r\n"),
            message("x2", "Fri, 06 Mar 2026 09:00:00 +0000", "Re: elsewhere", "References: <away@example.net>\r\n"),
        };
        for (String m : messages) {
            assertThat(imap.append("Threads", "", m.getBytes(StandardCharsets.UTF_8))).contains(" OK");
        }
        assertThat(imap.command("SELECT Threads")).contains("* 9 EXISTS");
        assertThat(imap.command("STORE 1 +FLAGS (\\Deleted)")).contains(" OK");
        assertThat(imap.command("EXPUNGE")).contains("* 1 EXPUNGE");
    }

    private static String thread(String command) throws Exception {
        String reply = imap.command(command);
        assertThat(reply).containsPattern("(?m)^c\\d+ OK ");
        return reply.lines().filter(l -> l.startsWith("* THREAD")).findFirst().orElseThrow();
    }

    @Test
    void bothAlgorithmsAreAnnounced() throws Exception {
        assertThat(imap.command("CAPABILITY")).contains(" THREAD=ORDEREDSUBJECT", " THREAD=REFERENCES");
    }

    @Test
    void referencesThreadsByReferencesInReplyToAndSubject() throws Exception {
        assertThat(thread("THREAD REFERENCES UTF-8 ALL")).isEqualTo("* THREAD (1 (4)(2 5))(3 6)((7)(8))");
    }

    @Test
    void uidThreadAnswersUids() throws Exception {
        assertThat(thread("UID THREAD REFERENCES UTF-8 ALL")).isEqualTo("* THREAD (2 (5)(3 6))(4 7)((8)(9))");
    }

    @Test
    void orderedSubjectGroupsByBaseSubject() throws Exception {
        assertThat(thread("THREAD ORDEREDSUBJECT UTF-8 ALL")).isEqualTo("* THREAD (1 (4)(2)(5))(3 6)(7 8)");
    }

    @Test
    void onlyMessagesMatchingTheCriteriaAreThreaded() throws Exception {
        assertThat(thread("THREAD REFERENCES UTF-8 SENTSINCE 7-Mar-2026")).isEqualTo("* THREAD");
        assertThat(thread("THREAD REFERENCES UTF-8 SENTSINCE 5-Mar-2026")).isEqualTo("* THREAD ((7)(8))");
        assertThat(thread("THREAD REFERENCES US-ASCII NOT FROM nobody 1,2,5")).isEqualTo("* THREAD (1 2 5)");
        assertThat(thread("THREAD REFERENCES UTF-8 SUBJECT lunch")).isEqualTo("* THREAD (3 6)");
    }

    @Test
    void badInputGetsAnAnswerAndTheSessionGoesOn() throws Exception {
        assertThat(imap.command("THREAD JWZ UTF-8 ALL")).containsPattern("(?m)^c\\d+ BAD .*");
        assertThat(imap.command("THREAD REFERENCES UTF-8")).containsPattern("(?m)^c\\d+ BAD .*");
        assertThat(imap.command("THREAD REFERENCES NO-SUCH-CHARSET ALL")).containsPattern("(?m)^c\\d+ NO \\[BADCHARSET");
        assertThat(thread("thread references utf-8 all")).isEqualTo("* THREAD (1 (4)(2 5))(3 6)((7)(8))");
    }
}
