package org.facteur.mailserver.imap.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CONTEXT=SEARCH (RFC 5267 §4, #15.14) through sockets: SEARCH RETURN (UPDATE) kept up to date with ADDTO and
 * REMOVEFROM as flags change, messages arrive (after their EXISTS) and are expunged (before their EXPUNGE, in the
 * numbers the client still has), by this session or another; UID SEARCH in UIDs; PARTIAL windows; CANCELUPDATE; the
 * end of updates when the mailbox is selected again; the refusals. James 3.8.1 answered all of these {@code BAD}.
 */
class ContextSearchIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static ImapDialogue session() throws Exception {
        ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1");
        assertThat(imap.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
        return imap;
    }

    /** A new mailbox with messages whose subjects are {@code s1}…{@code sN}, selected. */
    private static ImapDialogue selecting(String mailbox, int messages) throws Exception {
        ImapDialogue imap = session();
        assertThat(imap.command("CREATE " + mailbox)).contains(" OK");
        for (int i = 1; i <= messages; i++) {
            assertThat(imap.append(mailbox, message("s" + i))).contains(" OK");
        }
        assertThat(imap.command("SELECT " + mailbox)).contains("* " + messages + " EXISTS");
        return imap;
    }

    private static byte[] message(String subject) {
        return ("From: bob@example.org\r\nTo: alice@example.org\r\nSubject: " + subject
                + "\r\n\r\nsome body text\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> esearch(String reply) {
        return reply.lines().filter(l -> l.startsWith("* ESEARCH")).toList();
    }

    private static String tagOf(String reply) {
        String last = reply.strip().lines().reduce((a, b) -> b).orElseThrow();
        return last.substring(0, last.indexOf(' '));
    }

    @Test
    void announcedAfterLogin() throws Exception {
        try (ImapDialogue imap = session()) {
            assertThat(imap.command("CAPABILITY")).containsPattern("(?m)^\\* CAPABILITY .* CONTEXT=SEARCH( |$)");
        }
    }

    @Test
    void flagChangesOfThisSessionAreToldAsAddtoAndRemovefrom() throws Exception {
        try (ImapDialogue imap = selecting("LiveFlags", 5)) {
            String search = imap.command("SEARCH RETURN (UPDATE) BODY body SEEN");
            String tag = tagOf(search);
            assertThat(esearch(search)).containsExactly("* ESEARCH (TAG \"" + tag + "\")");

            assertThat(esearch(imap.command("STORE 1,2,4 +FLAGS (\\Seen)")))
                    .containsExactly("* ESEARCH (TAG \"" + tag + "\") ADDTO (0 1:2,4)");
            assertThat(esearch(imap.command("STORE 1,2 -FLAGS (\\Seen)")))
                    .containsExactly("* ESEARCH (TAG \"" + tag + "\") REMOVEFROM (0 1:2)");
            assertThat(esearch(imap.command("NOOP"))).isEmpty();
        }
    }

    @Test
    void anExpungedMatchIsRemovedBeforeItsExpungeInTheNumbersTheClientStillHas() throws Exception {
        try (ImapDialogue imap = selecting("LiveExpunge", 5)) {
            String tag = tagOf(imap.command("SEARCH RETURN (UPDATE ALL) SEEN"));
            assertThat(imap.command("STORE 4 +FLAGS (\\Seen)")).contains("ADDTO (0 4)");
            assertThat(imap.command("STORE 3:5 +FLAGS (\\Deleted)")).contains(" OK");
            List<String> lines = imap.command("EXPUNGE").lines().toList();
            int removal = lines.indexOf("* ESEARCH (TAG \"" + tag + "\") REMOVEFROM (0 4)");
            int firstExpunge = lines.indexOf(lines.stream().filter(l -> l.endsWith(" EXPUNGE")).findFirst().orElseThrow());
            assertThat(removal).as(String.join("\n", lines)).isGreaterThanOrEqualTo(0).isLessThan(firstExpunge);
            assertThat(lines.stream().filter(l -> l.endsWith(" EXPUNGE"))).hasSize(3);
        }
    }

    @Test
    void anAppendedMatchIsAddedAfterItsExists() throws Exception {
        try (ImapDialogue imap = selecting("LiveAppend", 2)) {
            String tag = tagOf(imap.command("SEARCH RETURN (UPDATE) SEEN"));
            List<String> lines = imap.append("LiveAppend", "(\\Seen)", message("s3")).lines().toList();
            int exists = lines.indexOf("* 3 EXISTS");
            int addto = lines.indexOf("* ESEARCH (TAG \"" + tag + "\") ADDTO (0 3)");
            assertThat(exists).as(String.join("\n", lines)).isGreaterThanOrEqualTo(0);
            assertThat(addto).as(String.join("\n", lines)).isGreaterThan(exists);
        }
    }

    @Test
    void anotherSessionsChangesAreToldAtTheNextCommand() throws Exception {
        try (ImapDialogue imap = selecting("LiveOther", 3); ImapDialogue other = session()) {
            String tag = tagOf(imap.command("UID SEARCH RETURN (UPDATE ALL) SUBJECT s"));
            assertThat(other.command("SELECT LiveOther")).contains("* 3 EXISTS");
            assertThat(other.append("LiveOther", message("s4"))).contains(" OK");
            assertThat(other.command("STORE 2 +FLAGS (\\Deleted)")).contains(" OK");
            assertThat(other.command("EXPUNGE")).contains("* 2 EXPUNGE");

            List<String> lines = new java.util.ArrayList<>();
            for (int i = 0; i < 50 && !lines.contains("* ESEARCH (TAG \"" + tag + "\") UID ADDTO (0 4)"); i++) {
                lines.addAll(imap.command("NOOP").lines().toList());
                Thread.sleep(100);
            }
            assertThat(lines).as(String.join("\n", lines))
                    .contains("* ESEARCH (TAG \"" + tag + "\") UID REMOVEFROM (0 2)", "* 2 EXPUNGE",
                            "* ESEARCH (TAG \"" + tag + "\") UID ADDTO (0 4)");
            assertThat(lines.indexOf("* ESEARCH (TAG \"" + tag + "\") UID REMOVEFROM (0 2)"))
                    .isLessThan(lines.indexOf("* 2 EXPUNGE"));
            assertThat(lines.indexOf("* ESEARCH (TAG \"" + tag + "\") UID ADDTO (0 4)"))
                    .isGreaterThan(lines.indexOf("* 4 EXISTS"));
        }
    }

    @Test
    void uidSearchAnswersInUids() throws Exception {
        try (ImapDialogue imap = selecting("LiveUids", 6)) {
            assertThat(imap.command("STORE 1 +FLAGS (\\Deleted)")).contains(" OK");
            assertThat(imap.command("EXPUNGE")).contains("* 1 EXPUNGE");
            assertThat(imap.command("STORE 1,2 +FLAGS (\\Seen)")).contains(" OK");
            String search = imap.command("UID SEARCH RETURN (UPDATE ALL) OR SEEN SUBJECT s33");
            String tag = tagOf(search);
            assertThat(esearch(search)).containsExactly("* ESEARCH (TAG \"" + tag + "\") UID ALL 2:3");
            assertThat(esearch(imap.command("STORE 3:5 +FLAGS (\\Seen)")))
                    .containsExactly("* ESEARCH (TAG \"" + tag + "\") UID ADDTO (0 4:6)");
            assertThat(esearch(imap.command("STORE 1:5 -FLAGS (\\Seen)")))
                    .containsExactly("* ESEARCH (TAG \"" + tag + "\") UID REMOVEFROM (0 2:6)");
        }
    }

    @Test
    void cancelupdateEndsTheUpdatesAndAnUnknownTagIsRefused() throws Exception {
        try (ImapDialogue imap = selecting("LiveCancel", 3)) {
            String tag = tagOf(imap.command("SEARCH RETURN (UPDATE) SEEN"));
            assertThat(imap.command("CANCELUPDATE \"nope\"")).containsPattern("(?m)^c\\d+ NO .*nope");
            assertThat(imap.command("CANCELUPDATE \"" + tag + "\"")).containsPattern("(?m)^c\\d+ OK");
            assertThat(esearch(imap.command("STORE 1 +FLAGS (\\Seen)"))).isEmpty();
            assertThat(imap.command("CANCELUPDATE \"" + tag + "\"")).containsPattern("(?m)^c\\d+ NO ");
        }
    }

    @Test
    void selectingAgainEndsTheUpdates() throws Exception {
        try (ImapDialogue imap = selecting("LiveReselect", 3)) {
            assertThat(imap.command("SEARCH RETURN (UPDATE) SEEN")).contains(" OK");
            assertThat(imap.command("SELECT LiveReselect")).contains("* 3 EXISTS");
            assertThat(esearch(imap.command("STORE 1 +FLAGS (\\Seen)"))).isEmpty();
        }
    }

    @Test
    void aTagInUseByALiveSearchIsRefused() throws Exception {
        try (ImapDialogue imap = selecting("LiveTagReuse", 2)) {
            imap.write("same SEARCH RETURN (UPDATE) ALL\r\n");
            assertThat(imap.readUntil("same ")).contains("same OK");
            imap.write("same SEARCH RETURN (UPDATE) SEEN\r\n");
            assertThat(imap.readUntil("same ")).containsPattern("(?m)^same BAD .*CANCELUPDATE");
        }
    }

    @Test
    void partialGivesAWindowOfTheResults() throws Exception {
        try (ImapDialogue imap = selecting("Partial", 7)) {
            String reply = imap.command("SEARCH RETURN (PARTIAL 2:4 COUNT) ALL");
            assertThat(esearch(reply)).containsExactly("* ESEARCH (TAG \"" + tagOf(reply) + "\") PARTIAL (2:4 2:4) COUNT 7");
            reply = imap.command("UID SEARCH RETURN (PARTIAL 9:6) ALL");
            assertThat(esearch(reply)).containsExactly("* ESEARCH (TAG \"" + tagOf(reply) + "\") UID PARTIAL (6:9 6:7)");
            reply = imap.command("SEARCH RETURN (PARTIAL 20:30 MIN) ALL");
            assertThat(esearch(reply)).containsExactly("* ESEARCH (TAG \"" + tagOf(reply) + "\") MIN 1 PARTIAL (20:30 NIL)");
        }
    }

    @Test
    void badReturnOptionsAreRefusedWithASentence() throws Exception {
        try (ImapDialogue imap = selecting("PartialBad", 1)) {
            assertThat(imap.command("SEARCH RETURN (PARTIAL 1:5 ALL) ALL")).containsPattern("(?m)^c\\d+ BAD .*PARTIAL and ALL");
            assertThat(imap.command("SEARCH RETURN (PARTIAL 0:5) ALL")).containsPattern("(?m)^c\\d+ BAD .*counted from 1");
            assertThat(imap.command("SEARCH RETURN (PARTIAL -1:-5) ALL")).containsPattern("(?m)^c\\d+ BAD ");
            assertThat(imap.command("SEARCH RETURN (UPDATE UPDATE) ALL")).containsPattern("(?m)^c\\d+ BAD .*twice");
            assertThat(imap.command("SEARCH RETURN (FOO) ALL")).containsPattern("(?m)^c\\d+ BAD .*Unknown SEARCH return option FOO");
            // what James answered before stays as it was
            assertThat(imap.command("SEARCH RETURN (CONTEXT) ALL")).contains("* ESEARCH").contains(" ALL 1");
            assertThat(imap.command("SEARCH RECENT")).containsPattern("(?m)^c\\d+ OK");
            assertThat(imap.command("SEARCH RECENT ALL")).containsPattern("(?m)^c\\d+ OK");
            assertThat(imap.command("SEARCH RETURN (MIN MAX) ALL")).contains("MIN 1 MAX 1");
            assertThat(imap.command("CAPABILITY")).containsPattern("(?m)^c\\d+ OK");
        }
    }

    @Test
    void pastTheLimitASearchIsAnsweredButNotKept() throws Exception {
        try (ImapDialogue imap = selecting("LiveLimit", 1)) {
            for (int i = 0; i < LiveSearches.LIMIT; i++) {
                assertThat(imap.command("SEARCH RETURN (UPDATE) SEEN")).doesNotContain("NOUPDATE");
            }
            String refused = imap.command("SEARCH RETURN (UPDATE COUNT) SEEN");
            assertThat(refused).containsPattern("(?m)^\\* NO \\[NOUPDATE \"" + tagOf(refused) + "\"\\] ")
                    .contains("already keeps 10 searches")
                    .contains("COUNT 0").containsPattern("(?m)^c\\d+ OK");
            assertThat(esearch(imap.command("STORE 1 +FLAGS (\\Seen)"))).hasSize(LiveSearches.LIMIT)
                    .allMatch(l -> l.endsWith("ADDTO (0 1)"));
        }
    }
}
