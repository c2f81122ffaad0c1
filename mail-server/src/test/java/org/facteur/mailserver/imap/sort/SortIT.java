package org.facteur.mailserver.imap.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SORT and UID SORT (RFC 5256, #15.14) through a socket: every sort key, REVERSE, several keys, search criteria,
 * message numbers against UIDs, and the refusals. James 3.8.1 has no SORT: it answered {@code BAD} and did not
 * announce it, so the webmail and Roundcube-like clients sorted on their side.
 */
class SortIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    /**
     * Five messages, appended in this order (UIDs 1..5; UID 1 is expunged below, so message numbers are 1..4 for UIDs
     * 2..5). Each key orders them differently.
     */
    private static final String[][] MESSAGES = {
        // internal date,              Date header,                         From,                               To,                    Cc,                 Subject,                       body padding
        {"01-Mar-2026 09:00:00 +0000", "Sun, 01 Mar 2026 09:00:00 +0000", "zed@example.net",                   "x@example.org",       "",                 "gone",                        ""},
        {"05-Mar-2026 10:00:00 +0000", "Mon, 02 Mar 2026 23:30:00 -0300", "\"Zoé\" <Carol@example.net>",        "bob@example.org",     "yann@example.org", "Re: [team] Fwd: Budget",      "x".repeat(300)},
        {"03-Mar-2026 10:00:00 +0000", "Tue, 03 Mar 2026 01:00:00 +0100", "alice@example.net",                 "Dave@example.org",    "",                 "agenda",                      "x".repeat(10)},
        {"04-Mar-2026 10:00:00 +0000", "Mon, 02 Mar 2026 12:00:00 +0000", "\"Aaron\" <bruno@example.net>",     "carl@example.org",    "anne@example.org", "Budget (fwd)",                "x".repeat(900)},
        {"02-Mar-2026 10:00:00 +0000", "not a date",                      "dora@example.net",                  "abel@example.org",    "zoe@example.org",  "RE: Re: agenda",              "x".repeat(50)},
    };

    private static ImapDialogue imap;

    @BeforeAll
    static void fill() throws Exception {
        imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1");
        assertThat(imap.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
        assertThat(imap.command("CREATE Sorted")).contains(" OK");
        for (String[] m : MESSAGES) {
            String raw = "From: " + m[2] + "\r\nTo: " + m[3] + "\r\n" + (m[4].isEmpty() ? "" : "Cc: " + m[4] + "\r\n")
                    + "Date: " + m[1] + "\r\nSubject: " + m[5] + "\r\nMessage-ID: <" + m[0].hashCode() + "@test>\r\n\r\n"
                    + "Body " + m[6] + "\r\n";
            assertThat(imap.append("Sorted", "\"" + m[0] + "\"", raw.getBytes(StandardCharsets.UTF_8))).contains(" OK");
        }
        assertThat(imap.command("SELECT Sorted")).contains("* 5 EXISTS");
        assertThat(imap.command("STORE 1 +FLAGS (\\Deleted)")).contains(" OK");
        assertThat(imap.command("EXPUNGE")).contains("* 1 EXPUNGE");
    }

    private static String sort(String command) throws Exception {
        String reply = imap.command(command);
        assertThat(reply).containsPattern("(?m)^c\\d+ OK ");
        return reply.lines().filter(l -> l.startsWith("* SORT")).findFirst().orElseThrow();
    }

    @Test
    void announcedAfterLogin() throws Exception {
        assertThat(imap.command("CAPABILITY")).containsPattern("(?m)^\\* CAPABILITY .* SORT( |$)");
    }

    @Test
    void eachSortKeyOrdersByWhatRfc5256Says() throws Exception {
        // ARRIVAL: internal dates 05, 03, 04, 02 March for message numbers 1..4
        assertThat(sort("SORT (ARRIVAL) UTF-8 ALL")).isEqualTo("* SORT 4 2 3 1");
        // DATE: the Date header in UTC (1: 03 Mar 02:30Z, 2: 03 Mar 00:00Z, 3: 02 Mar 12:00Z), or the internal date
        // when it does not parse (4: 02 Mar 10:00Z)
        assertThat(sort("SORT (DATE) UTF-8 ALL")).isEqualTo("* SORT 4 3 2 1");
        // FROM: the local part of the first address, case-insensitive, not the display name: alice, bruno, Carol, dora
        assertThat(sort("SORT (FROM) UTF-8 ALL")).isEqualTo("* SORT 2 3 1 4");
        // TO: abel, bob, carl, Dave
        assertThat(sort("SORT (TO) UTF-8 ALL")).isEqualTo("* SORT 4 1 3 2");
        // CC: none sorts first (the empty string), then anne, yann, zoe
        assertThat(sort("SORT (CC) UTF-8 ALL")).isEqualTo("* SORT 2 3 1 4");
        // SIZE: the padding decides
        assertThat(sort("SORT (SIZE) UTF-8 ALL")).isEqualTo("* SORT 2 4 1 3");
        // SUBJECT: the base subject (Re:, [team], Fwd:, (fwd) removed): agenda (2, 4), budget (1, 3); ties by UID
        assertThat(sort("SORT (SUBJECT) UTF-8 ALL")).isEqualTo("* SORT 2 4 1 3");
    }

    @Test
    void reverseAndSeveralKeys() throws Exception {
        assertThat(sort("SORT (REVERSE ARRIVAL) UTF-8 ALL")).isEqualTo("* SORT 1 3 2 4");
        assertThat(sort("SORT (SUBJECT REVERSE DATE) UTF-8 ALL")).isEqualTo("* SORT 2 4 1 3");
        assertThat(sort("SORT (REVERSE SUBJECT DATE) UTF-8 ALL")).isEqualTo("* SORT 3 1 4 2");
        assertThat(sort("sort (reverse size) utf-8 all")).as("keywords in any case").isEqualTo("* SORT 3 1 4 2");
    }

    @Test
    void searchCriteriaChooseTheMessages() throws Exception {
        assertThat(sort("SORT (DATE) UTF-8 SUBJECT budget")).isEqualTo("* SORT 3 1");
        assertThat(sort("SORT (ARRIVAL) US-ASCII NOT SUBJECT budget LARGER 40")).isEqualTo("* SORT 4 2");
        assertThat(sort("SORT (ARRIVAL) UTF-8 2:3")).isEqualTo("* SORT 2 3");
        assertThat(sort("SORT (ARRIVAL) UTF-8 SUBJECT nothing-like-this")).isEqualTo("* SORT");
        String zoe = imap.commandWithLiteral("SORT (DATE) UTF-8 FROM ", "Zoé".getBytes(StandardCharsets.UTF_8), "");
        assertThat(zoe).contains("* SORT 1\n").containsPattern("(?m)^c\\d+ OK ");
    }

    @Test
    void uidSortAnswersUids() throws Exception {
        assertThat(sort("UID SORT (ARRIVAL) UTF-8 ALL")).isEqualTo("* SORT 5 3 4 2");
        assertThat(sort("UID SORT (SIZE) UTF-8 UID 3:5")).isEqualTo("* SORT 3 5 4");
    }

    /** The {@code * ESEARCH} line of an ESORT, its tag checked against the command's and then written as {@code T}. */
    private static String esort(String command) throws Exception {
        String reply = imap.command(command);
        java.util.regex.Matcher tagged = java.util.regex.Pattern.compile("(?m)^(c\\d+) OK ").matcher(reply);
        assertThat(tagged.find()).as(reply).isTrue();
        String line = reply.lines().filter(l -> l.startsWith("* ESEARCH")).findFirst().orElseThrow();
        assertThat(line).startsWith("* ESEARCH (TAG \"" + tagged.group(1) + "\")");
        return line.replace("\"" + tagged.group(1) + "\"", "T");
    }

    @Test
    void esortReturnsMinMaxCountAndAllInTheSortOrder() throws Exception {
        assertThat(imap.command("CAPABILITY")).containsPattern("(?m)^\\* CAPABILITY .* ESORT( |$)");
        // ARRIVAL order is 4 2 3 1: MIN and MAX are the first and the last in that order, not the lowest numbers
        assertThat(esort("SORT RETURN (MIN MAX COUNT) (ARRIVAL) UTF-8 ALL")).isEqualTo("* ESEARCH (TAG T) MIN 4 MAX 1 COUNT 4");
        assertThat(esort("SORT RETURN (ALL) (ARRIVAL) UTF-8 ALL")).isEqualTo("* ESEARCH (TAG T) ALL 4,2:3,1");
        assertThat(esort("SORT RETURN () (REVERSE ARRIVAL) UTF-8 ALL")).as("RETURN () is ALL")
                .isEqualTo("* ESEARCH (TAG T) ALL 1,3,2,4");
        assertThat(esort("UID SORT RETURN (COUNT ALL) (ARRIVAL) UTF-8 ALL")).isEqualTo("* ESEARCH (TAG T) UID COUNT 4 ALL 5,3:4,2");
        assertThat(esort("sort return (min count) (date) utf-8 subject nothing-like-this")).isEqualTo("* ESEARCH (TAG T) COUNT 0");
        assertThat(imap.command("SORT RETURN (SAVE) (DATE) UTF-8 ALL")).containsPattern("(?m)^c\\d+ BAD ");
        assertThat(sort("SORT (DATE) UTF-8 ALL")).as("plain SORT unchanged").isEqualTo("* SORT 4 3 2 1");
    }

    @Test
    void theBadLineSaysWhatWasWrong() throws Exception {
        // James 3.8.1 wrote only "Illegal arguments." on the BAD line, whatever the parser's sentence
        assertThat(imap.command("SORT (BOGUS) UTF-8 ALL"))
                .containsPattern("(?m)^c\\d+ BAD .*Unknown sort criterion BOGUS: use ARRIVAL, CC, DATE, FROM, SIZE, "
                        + "SUBJECT or TO")
                .doesNotContain("Illegal arguments");
    }

    @Test
    void badInputGetsAnAnswerAndTheSessionGoesOn() throws Exception {
        assertThat(imap.command("SORT (NAME) UTF-8 ALL")).containsPattern("(?m)^c\\d+ BAD .*");
        assertThat(imap.command("SORT () UTF-8 ALL")).containsPattern("(?m)^c\\d+ BAD .*");
        assertThat(imap.command("SORT (REVERSE) UTF-8 ALL")).containsPattern("(?m)^c\\d+ BAD .*");
        assertThat(imap.command("SORT (DATE) UTF-8")).containsPattern("(?m)^c\\d+ BAD .*");
        assertThat(imap.command("SORT DATE UTF-8 ALL")).containsPattern("(?m)^c\\d+ BAD .*");
        assertThat(imap.command("SORT (DATE) NO-SUCH-CHARSET ALL"))
                .containsPattern("(?m)^c\\d+ NO \\[BADCHARSET[^]]*] .*");
        assertThat(sort("SORT (DATE) UTF-8 ALL")).isEqualTo("* SORT 4 3 2 1");
    }

    @Test
    void aGroupSortsByItsNameAndSymbolsByAsciiCasemap() throws Exception {
        try (ImapDialogue other = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1")) {
            assertThat(other.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(other.command("CREATE Groups")).contains(" OK");
            String[][] messages = {{"zed: aaron@example.org;", "_underscore"}, {"bob@example.org", "[list]"},
                {"Carl@example.org", "apple"}};
            for (String[] m : messages) {
                String raw = "From: x@example.net\r\nCc: " + m[0] + "\r\nSubject: " + m[1] + "\r\n\r\nHi\r\n";
                assertThat(other.append("Groups", "", raw.getBytes(StandardCharsets.UTF_8))).contains(" OK");
            }
            assertThat(other.command("SELECT Groups")).contains("* 3 EXISTS");
            // the group's first address is the group: "zed", not "aaron"
            assertThat(other.command("SORT (CC) UTF-8 ALL")).contains("* SORT 2 3 1\n");
            // i;ascii-casemap upper-cases letters: "APPLE" < "[LIST]" < "_UNDERSCORE"
            assertThat(other.command("SORT (SUBJECT) UTF-8 ALL")).contains("* SORT 3 2 1\n");
        }
    }

    @Test
    void notBeforeAMailboxIsSelected() throws Exception {
        try (ImapDialogue other = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1")) {
            assertThat(other.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(other.command("SORT (DATE) UTF-8 ALL")).containsPattern("(?m)^c\\d+ (BAD|NO) .*");
            assertThat(other.command("NOOP")).containsPattern("(?m)^c\\d+ OK ");
        }
    }
}
