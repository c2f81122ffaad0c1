package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A new message is \Recent in exactly one session (RFC 3501 §2.3.2): the first one notified of it among the sessions
 * that have its mailbox selected, and then in no later SELECT. James 3.8.1 made it recent in every session that had
 * the mailbox selected, and again in the next SELECT (Dovecot's imaptest: "\Recent flag in multiple sessions").
 */
class RecentInOneSessionIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @Test
    void aMessageArrivingWhileTwoSessionsWatchIsRecentInOneOfThem() throws Exception {
        try (ImapDialogue first = session(); ImapDialogue second = session(); ImapDialogue writer = session()) {
            assertThat(writer.command("CREATE Watched")).contains(" OK");
            assertThat(first.command("SELECT Watched")).contains("* 0 EXISTS");
            assertThat(second.command("SELECT Watched")).contains("* 0 EXISTS");

            for (int i = 1; i <= 3; i++) {
                assertThat(writer.append("Watched", "", message("Watched " + i))).contains(" OK");
            }
            String firstSees = untilExists(first, 3);
            String secondSees = untilExists(second, 3);

            int firstRecent = recentFlags(first);
            int secondRecent = recentFlags(second);
            assertThat(firstRecent + secondRecent).as("each message recent in one session: %s / %s", firstSees, secondSees)
                    .isEqualTo(3);
            assertThat(recentCount(firstSees)).as("RECENT as told: %s", firstSees).isEqualTo(firstRecent);
            assertThat(recentCount(secondSees)).as("RECENT as told: %s", secondSees).isEqualTo(secondRecent);
            assertThat(writer.command("SELECT Watched")).contains("* 3 EXISTS").contains("* 0 RECENT");
            assertThat(recentFlags(writer)).as("nothing left recent for a later SELECT").isZero();
        }
    }

    @Test
    void aMessageTheWatchingSessionTookIsNotRecentForTheNextSelect() throws Exception {
        try (ImapDialogue watching = session(); ImapDialogue writer = session()) {
            assertThat(writer.command("CREATE Taken")).contains(" OK");
            assertThat(watching.command("SELECT Taken")).contains("* 0 EXISTS");

            assertThat(writer.append("Taken", "", message("Taken"))).contains(" OK");
            String seen = untilExists(watching, 1);
            assertThat(seen).as("RECENT goes with the EXISTS").contains("* 1 RECENT");
            assertThat(recentFlags(watching)).isEqualTo(1);

            try (ImapDialogue later = session()) {
                assertThat(later.command("SELECT Taken")).contains("* 1 EXISTS").contains("* 0 RECENT");
                assertThat(recentFlags(later)).isZero();
            }
            assertThat(recentFlags(watching)).as("still recent in the session that took it").isEqualTo(1);
        }
    }

    @Test
    void aMessageThatArrivedBeforeAnySelectIsRecentInTheFirstSelectOnly() throws Exception {
        try (ImapDialogue writer = session()) {
            assertThat(writer.command("CREATE Waiting")).contains(" OK");
            assertThat(writer.append("Waiting", "", message("Waiting"))).contains(" OK");
            try (ImapDialogue first = session(); ImapDialogue second = session()) {
                assertThat(first.command("SELECT Waiting")).contains("* 1 EXISTS").contains("* 1 RECENT");
                assertThat(second.command("SELECT Waiting")).contains("* 1 EXISTS").contains("* 0 RECENT");
                assertThat(recentFlags(second)).isZero();
                assertThat(first.command("NOOP")).doesNotContain("RECENT");
                assertThat(recentFlags(first)).as("the first SELECT's message stays recent there").isEqualTo(1);
            }
        }
    }

    /** James keeps an EXAMINE's view for a SELECT of the same mailbox: it takes \Recent from then on. */
    @Test
    void aSelectAfterAnExamineOfTheSameMailboxTakesRecentToo() throws Exception {
        try (ImapDialogue first = session(); ImapDialogue second = session(); ImapDialogue writer = session()) {
            assertThat(writer.command("CREATE Examined")).contains(" OK");
            assertThat(first.command("EXAMINE Examined")).contains("[READ-ONLY]");
            assertThat(first.command("SELECT Examined")).contains("[READ-WRITE]");
            assertThat(second.command("SELECT Examined")).contains("* 0 EXISTS");

            for (int i = 1; i <= 3; i++) {
                assertThat(writer.append("Examined", "", message("Examined " + i))).contains(" OK");
            }
            untilExists(first, 3);
            untilExists(second, 3);

            assertThat(recentFlags(first) + recentFlags(second)).as("each message recent in one session").isEqualTo(3);
        }
    }

    /** A read-only session shows a new message as recent and leaves it recent for the next SELECT (RFC 3501 §6.3.2). */
    @Test
    void anExamineAfterASelectOfTheSameMailboxTakesNothing() throws Exception {
        try (ImapDialogue reading = session(); ImapDialogue writer = session()) {
            assertThat(writer.command("CREATE ReadOnly")).contains(" OK");
            assertThat(reading.command("SELECT ReadOnly")).contains("[READ-WRITE]");
            assertThat(reading.command("EXAMINE ReadOnly")).contains("[READ-ONLY]");

            assertThat(writer.append("ReadOnly", "", message("Read only"))).contains(" OK");
            untilExists(reading, 1);
            assertThat(recentFlags(reading)).isEqualTo(1);

            try (ImapDialogue later = session()) {
                assertThat(later.command("SELECT ReadOnly")).contains("* 1 EXISTS").contains("* 1 RECENT");
            }
        }
    }

    /** NOOP until the session has been told of {@code count} messages; returns what it was told. */
    private static String untilExists(ImapDialogue imap, int count) throws Exception {
        StringBuilder told = new StringBuilder();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            told.append(imap.command("NOOP"));
            if (told.toString().contains("* " + count + " EXISTS")) {
                return told.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never told of " + count + " messages: " + told);
    }

    /** How many messages FETCH shows with \Recent in this session. */
    private static int recentFlags(ImapDialogue imap) throws Exception {
        List<String> lines = imap.command("FETCH 1:* (FLAGS)").lines().filter(l -> l.contains(" FETCH ")).toList();
        return (int) lines.stream().filter(l -> l.contains("\\Recent")).count();
    }

    private static int recentCount(String told) {
        return told.lines().filter(l -> l.matches("\\* \\d+ RECENT"))
                .mapToInt(l -> Integer.parseInt(l.split(" ")[1])).reduce((a, b) -> b).orElse(0);
    }

    private static byte[] message(String subject) {
        return ("From: bob@example.net\r\nSubject: " + subject + "\r\n\r\nHi\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static ImapDialogue session() throws Exception {
        ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1");
        assertThat(imap.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
        return imap;
    }
}
