package org.facteur.mailserver.imap.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FETCH ENVELOPE answered from the envelope kept when each message was stored gives, byte for byte, what James
 * builds from the header section (the path a message stored before envelopes were kept still takes), over a corpus
 * of odd headers; the client gets only the items it asked for; the answers stay in order across batches.
 */
class KeptEnvelopesIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static final String CRLF = "\r\n";
    private static final String EMPTY_SECTION = "BODY.PEEK[HEADER.FIELDS (X-NONE)]";
    /** How {@link ImapDialogue#commandKeepingLiterals} shows James's answer to it: a two-byte literal, the CRLF. */
    private static final String EMPTY_SECTION_ANSWER = " BODY[HEADER.FIELDS (X-NONE)] {2}\n\r\n";

    /** Header sections a FETCH ENVELOPE must survive; each gets a short body. */
    private static final List<String> CORPUS = List.of(
            "From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nSubject: plain\r\nDate: Tue, 01 Dec 2026 10:00:00 +0100\r\n"
                    + "Message-ID: <plain@example.org>\r\n",
            "X-Nothing: that ENVELOPE reads\r\n",
            "From: a@example.org\r\nTo: Undisclosed recipients:;\r\nCc: team: one@example.org, \"Two, B\" <two@example.org>;, three@example.org\r\n",
            "From: <@route.example,@second.example:user@host.example>\r\nSender: Secretary <sec@example.org>\r\nReply-To: list@example.org\r\n",
            "Subject: =?ISO-8859-1?Q?R=E9union?= du =?UTF-8?B?dHLDqXNvcmllcg==?=\r\nFrom: =?UTF-8?Q?Zo=C3=AB?= <zoe@example.org>\r\n",
            "Subject: folded\r\n\tacross\r\n  three lines\r\nTo: first@example.org,\r\n\tsecond@example.org\r\n",
            "Subject: Réunion ✓ 日本\r\nFrom: Trésorière Zoë <t@example.org>\r\n",
            "Subject:\r\nFrom:\r\nTo: ,,,\r\nCc: <<>>@@\r\nBcc: \"unterminated <x@example.org>\r\n",
            "Subject: He said \"hi\" \\ there\r\nIn-Reply-To: <a@example.org>\r\n <b@example.org>\r\nMessage-ID:   <spaced@example.org>  \r\n",
            "Subject: first\r\nSubject: second\r\nFrom: one@example.org\r\nFrom: two@example.org\r\n",
            "Subject: " + "long ".repeat(400) + "\r\nDate: not a date at all\r\n",
            "X-Filler: " + "y".repeat(70 * 1024) + "\r\nSubject: a header too large to copy\r\n",
            "from: lower@example.org\r\nSUBJECT: upper case names\r\nrEpLy-To: mixed@example.org\r\n");

    @Test
    void keptEnvelopesAnswerByteForByteAsJamesBuildsThem() throws Exception {
        try (ImapDialogue imap = session()) {
            imap.command("CREATE Corpus");
            for (String header : CORPUS) {
                assertThat(imap.append("Corpus", (header + CRLF + "body" + CRLF).getBytes(StandardCharsets.UTF_8))).contains(" OK");
            }
            // The last one has no blank line at all: all header.
            assertThat(imap.append("Corpus", "Subject: no body\r\nFrom: x@example.org".getBytes(StandardCharsets.UTF_8)))
                    .contains(" OK");
            assertThat(imap.command("SELECT Corpus")).contains("* " + (CORPUS.size() + 1) + " EXISTS");
            // James takes a message without a blank line for one without a header section (body_start 0): no copy,
            // no kept envelope, and an envelope of NILs either way.
            assertThat(keptEnvelopes()).as("every message but the one whose header is too large to copy and the last")
                    .isEqualTo(CORPUS.size() - 1);

            List<String> commands = List.of("FETCH 1:* (ENVELOPE)", "FETCH 1:* (FLAGS ENVELOPE)", "UID FETCH 1:* (ENVELOPE)",
                    "FETCH 1:* (ENVELOPE RFC822.SIZE INTERNALDATE)", "FETCH 2,5,12 (UID ENVELOPE FLAGS)", "FETCH 3 (ENVELOPE)",
                    "FETCH 1:* (BODYSTRUCTURE ENVELOPE)", "FETCH 1:* (FLAGS ENVELOPE) (CHANGEDSINCE 1)");
            // CONDSTORE on first: CHANGEDSINCE would turn it on, and only the first such FETCH says HIGHESTMODSEQ.
            assertThat(imap.command("ENABLE CONDSTORE")).contains(" OK");
            List<String> kept = answers(imap, commands);
            assertThat(kept).isEqualTo(jamesAnswers(imap, commands));
            assertThat(kept.get(0)).contains("\"plain\"", "(\"Alice\" NIL \"alice\" \"example.org\")",
                    "(NIL NIL \"team\" NIL)", "\"@route.example,@second.example\"", "=?UTF-8?B?");
            assertThat(kept.get(1).lines().filter(l -> l.startsWith("* "))).hasSize(CORPUS.size() + 1)
                    .allMatch(l -> l.contains("FLAGS (") && !l.contains("UID ") && !l.contains("RFC822.SIZE"));
            assertThat(kept.get(2).lines().filter(l -> l.startsWith("* "))).allMatch(l -> l.contains("UID "));

            // QRESYNC makes James add UIDs (and CHANGEDSINCE its MODSEQ): still the same answers.
            assertThat(imap.command("ENABLE QRESYNC")).contains("* ENABLED QRESYNC");
            List<String> qresync = answers(imap, commands);
            assertThat(qresync).isEqualTo(jamesAnswers(imap, commands));
            assertThat(qresync.get(1).lines().filter(l -> l.startsWith("* "))).allMatch(l -> l.contains("UID "));

            // A store written before envelopes were kept: the same answers again, built from the header sections.
            withoutKeptEnvelopes();
            assertThat(answers(imap, commands)).isEqualTo(qresync);
        }
    }

    @Test
    void theAnswerComesFromTheKeptEnvelope() throws Exception {
        try (ImapDialogue imap = session()) {
            imap.command("CREATE Swapped");
            for (String subject : List.of("kept one", "kept two")) {
                imap.append("Swapped", ("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            imap.command("SELECT Swapped");
            assertThat(imap.command("FETCH 1 ENVELOPE")).contains("\"kept one\"");
            // Give message 1 the envelope kept for message 2: FETCH reads it, it does not parse the header section.
            try (Connection db = database(); Statement sql = db.createStatement()) {
                sql.executeUpdate("UPDATE message_header SET envelope = (SELECT mh.envelope FROM message_header mh "
                        + "JOIN mailbox_message mm ON mm.message_id = mh.message_id JOIN mailbox m ON m.id = mm.mailbox_id "
                        + "WHERE m.name = 'Swapped' AND mm.uid = 2) WHERE message_id = (SELECT mm.message_id FROM mailbox_message mm "
                        + "JOIN mailbox m ON m.id = mm.mailbox_id WHERE m.name = 'Swapped' AND mm.uid = 1)");
            }
            assertThat(imap.command("FETCH 1 ENVELOPE")).contains("\"kept two\"").doesNotContain("kept one");
            assertThat(imap.command("FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]")).contains("kept one");
            // Bytes that are not an envelope (damage, or another version's): James's envelope, no error.
            try (Connection db = database(); Statement sql = db.createStatement()) {
                assertThat(sql.executeUpdate("UPDATE message_header SET envelope = X'09' WHERE message_id = (SELECT mm.message_id "
                        + "FROM mailbox_message mm JOIN mailbox m ON m.id = mm.mailbox_id WHERE m.name = 'Swapped' AND mm.uid = 1)"))
                        .isEqualTo(1);
            }
            assertThat(imap.command("FETCH 1:2 ENVELOPE")).contains("\"kept one\"", "\"kept two\"", " OK FETCH completed");
        }
    }

    @Test
    void answersStayInOrderAcrossBatchesAndFlagUpdatesFromOthersStayApart() throws Exception {
        int count = 2 * KeptEnvelopeFetch.BATCH + 44;
        try (ImapDialogue imap = session(); ImapDialogue other = session()) {
            imap.command("CREATE Many");
            for (int i = 1; i <= count; i++) {
                imap.append("Many", ("Subject: number " + i + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            imap.command("SELECT Many");
            other.command("SELECT Many");
            assertThat(other.command("STORE 7 +FLAGS.SILENT (\\Flagged)")).contains(" OK");

            String answer = imap.command("FETCH 1:* (ENVELOPE)");

            List<String> lines = answer.lines().filter(l -> l.contains("ENVELOPE (")).toList();
            assertThat(lines).hasSize(count);
            for (int i = 1; i <= count; i++) {
                assertThat(lines.get(i - 1)).startsWith("* " + i + " FETCH (ENVELOPE (").contains("\"number " + i + "\"");
            }
            // The other session's flag change reaches this one as an update of its own, without an envelope.
            assertThat(answer.lines().filter(l -> l.startsWith("* 7 FETCH ("))).hasSize(2)
                    .anyMatch(l -> l.startsWith("* 7 FETCH (FLAGS (") && l.contains("\\Flagged") && !l.contains("ENVELOPE"));
        }
    }

    private static List<String> answers(ImapDialogue imap, List<String> commands) throws Exception {
        List<String> answers = new ArrayList<>();
        for (String command : commands) {
            String answer = imap.commandKeepingLiterals(command);
            assertThat(answer).as(command).containsPattern("(?m)^c\\d+ OK");
            answers.add(answer.replaceAll("(?m)^c\\d+ ", "TAG "));
        }
        return answers;
    }

    /**
     * The answers James alone gives to {@code commands}: each with a body section added, which keeps the FETCH on
     * James's own path, and that section taken out of the answers again.
     */
    private static List<String> jamesAnswers(ImapDialogue imap, List<String> commands) throws Exception {
        List<String> answers = new ArrayList<>();
        for (String answer : answers(imap, commands.stream().map(c -> c.replaceFirst("\\)", " " + EMPTY_SECTION + ")")).toList())) {
            assertThat(answer).contains(EMPTY_SECTION_ANSWER);
            answers.add(answer.replace(EMPTY_SECTION_ANSWER, ""));
        }
        return answers;
    }

    private static ImapDialogue session() throws Exception {
        ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1");
        assertThat(imap.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
        return imap;
    }

    private static long keptEnvelopes() throws SQLException {
        try (Connection db = database(); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM message_header mh JOIN mailbox_message mm "
                     + "ON mm.message_id = mh.message_id JOIN mailbox m ON m.id = mm.mailbox_id "
                     + "WHERE m.name = 'Corpus' AND mh.envelope IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** As a store written before envelopes were kept. */
    private static void withoutKeptEnvelopes() throws SQLException {
        try (Connection db = database(); Statement sql = db.createStatement()) {
            assertThat(sql.executeUpdate("UPDATE message_header SET envelope = NULL")).isPositive();
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + mail.settings().data().database());
    }
}
