package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Best matches" on the running server: messages appended over IMAP to two members' folders, ranked for one member
 * only (the other's messages, with the same words, never come back), in every folder of that member, with folder
 * name, UID, subject and From; an expunged message is gone at once, before the index has caught up.
 */
class BestMatchesIT {
    private static final String ALICE = "alice@example.org";
    private static final String BOB = "bob@example.org";
    private static final String PASSWORD = "Best-matches-pass1";

    @TempDir
    Path data;

    @Test
    void rankedForOneMemberOnlyAndExpungedMessagesGo() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = TestMailServers.startWithUsers(settings, PASSWORD, "alice", "bob")) {
            try (ImapDialogue bob = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
                assertThat(bob.login(BOB, PASSWORD)).startsWith("OK");
                assertThat(bob.append("INBOX", message("Réunions du bureau", "Les réunions de Bob."))).contains(" OK");
            }
            try (ImapDialogue alice = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
                assertThat(alice.login(ALICE, PASSWORD)).startsWith("OK");
                assertThat(alice.command("CREATE Projets")).contains(" OK");
                assertThat(alice.append("INBOX", message("Lunch", "About the réunion next week, and lunch."))).contains(" OK");
                assertThat(alice.append("Projets", message("Réunion de lancement", "Ordre du jour joint."))).contains(" OK");
                assertThat(alice.append("INBOX", message("Weekly meetings", "Agenda for the weekly meeting."))).contains(" OK");
                assertThat(server.awaitSearchIndex(Duration.ofMinutes(1))).isTrue();

                var found = server.bestMatches(ALICE, "réunions", 10);
                assertThat(found).extracting(BestMatch::mailbox).containsExactly("Projets", "INBOX");
                assertThat(found).extracting(BestMatch::uid).containsExactly(1L, 1L);
                assertThat(found.get(0).subject()).isEqualTo("Réunion de lancement");
                assertThat(found.get(0).from()).isEqualTo("Dave <dave@example.org>");
                assertThat(found.get(0).received()).isNotNull();
                assertThat(found.get(0).score()).isGreaterThan(found.get(1).score());
                assertThat(server.bestMatches(BOB, "reunion", 10)).extracting(BestMatch::subject)
                        .containsExactly("Réunions du bureau");
                assertThat(server.bestMatches(ALICE, "meeting", 10)).extracting(BestMatch::subject)
                        .containsExactly("Weekly meetings");
                assertThat(server.bestMatches(ALICE, "foo:bar (", 10)).isEmpty();
                assertThat(server.bestMatches("nobody@example.org", "réunion", 10)).isEmpty();

                assertThat(alice.command("SELECT Projets")).contains(" OK");
                assertThat(alice.command("UID STORE 1 +FLAGS (\\Deleted)")).contains(" OK");
                assertThat(alice.command("EXPUNGE")).contains(" OK");
                assertThat(server.bestMatches(ALICE, "réunion", 10)).extracting(BestMatch::mailbox).containsExactly("INBOX");
                assertThat(server.awaitSearchIndex(Duration.ofMinutes(1))).isTrue();
                assertThat(server.bestMatches(ALICE, "réunion", 10)).extracting(BestMatch::mailbox).containsExactly("INBOX");
            }
        }
    }

    private static byte[] message(String subject, String text) {
        return ("From: Dave <dave@example.org>\r\nTo: someone@example.org\r\nSubject: =?UTF-8?Q?"
                + qp(subject) + "?=\r\nDate: Thu, 3 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An RFC 2047 Q-encoding of {@code s}. */
    private static String qp(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c == ' ') {
                b.append('_');
            } else if (c < 128 && Character.isLetterOrDigit(c)) {
                b.append((char) c);
            } else {
                b.append(String.format("=%02X", c));
            }
        }
        return b.toString();
    }
}
