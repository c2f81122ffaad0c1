package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A keyword another session has just set is listed by an untagged {@code FLAGS} before this session's first
 * {@code FETCH (FLAGS …)} that carries it (RFC 3501 §7.2.6: FLAGS names the flags applicable to the mailbox; Dovecot
 * sends it first; imaptest reports "Keyword used without being in FLAGS"). James 3.8.1 reads a message's flags from
 * the store, which can hold the keyword before the session has applied the other session's event (#15.13).
 */
class KeywordsAnnouncedFirstIT {
    private static final Pattern FLAGS = Pattern.compile("^\\* FLAGS \\(([^)]*)\\)", Pattern.MULTILINE);
    private static final Pattern FETCH_FLAGS = Pattern.compile("^\\* \\d+ FETCH \\(.*FLAGS \\(([^)]*)\\)", Pattern.MULTILINE);
    private static final int ROUNDS = 150;

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @Test
    void everyKeywordInAFetchWasListedByFlagsBefore() throws Exception {
        try (ImapDialogue writer = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1");
             ImapDialogue reader = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1")) {
            assertThat(writer.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(reader.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(writer.command("CREATE Keywords")).contains(" OK");
            byte[] message = "From: bob@example.net\r\nSubject: tag me\r\n\r\nHi\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(writer.append("Keywords", "", message)).contains(" OK");
            assertThat(writer.command("SELECT Keywords")).contains("* 1 EXISTS");
            String selected = reader.command("SELECT Keywords");
            assertThat(selected).contains("* 1 EXISTS");

            Set<String> announced = new HashSet<>();
            List<String> unannounced = new ArrayList<>();
            int keywordsFetched = 0;
            readAnnouncements(selected, announced, unannounced);
            for (int i = 0; i < ROUNDS; i++) {
                assertThat(writer.command("STORE 1 +FLAGS.SILENT (kw" + i + ")")).contains(" OK");
                String fetched = reader.command("FETCH 1 (FLAGS)");
                assertThat(fetched).as("round " + i).contains(" OK");
                keywordsFetched += readAnnouncements(fetched, announced, unannounced);
            }
            assertThat(keywordsFetched).as("the reader's FETCHes carried the keywords").isGreaterThanOrEqualTo(ROUNDS);
            assertThat(unannounced).as("keywords in FETCH FLAGS that no FLAGS had listed before").isEmpty();
        }
    }

    /**
     * A keyword that came with a message another session appended stays listed when a later flag change of another
     * message makes James send its own {@code FLAGS} (imaptest: "Keyword '$Label4' dropped, but it still had 2
     * references"); a SELECT of another mailbox lists that mailbox's keywords only.
     */
    @Test
    void aListedKeywordIsNotDroppedByALaterFlagsForTheSameMailbox() throws Exception {
        try (ImapDialogue writer = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1");
             ImapDialogue reader = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1")) {
            assertThat(writer.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(reader.login(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("OK");
            assertThat(writer.command("CREATE Appended")).contains(" OK");
            assertThat(writer.command("CREATE Elsewhere")).contains(" OK");
            byte[] message = "From: bob@example.net\r\nSubject: labelled\r\n\r\nHi\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(writer.append("Appended", "", message)).contains(" OK");
            assertThat(writer.command("SELECT Appended")).contains("* 1 EXISTS");
            assertThat(reader.command("SELECT Appended")).contains("* 1 EXISTS");

            assertThat(writer.append("Appended", "($Label4)", message)).contains(" OK");
            StringBuilder told = new StringBuilder();
            for (int i = 0; i < 200 && !told.toString().contains("* 2 EXISTS"); i++) {
                told.append(reader.command("NOOP"));
            }
            String fetched = reader.command("FETCH 2 (FLAGS)");
            assertThat(fetched).contains("$Label4");
            assertThat(lastFlags(told + fetched)).as("listed before the FETCH").contains("$Label4");

            assertThat(writer.command("STORE 1 +FLAGS.SILENT (\\Flagged $Other)")).contains(" OK");
            StringBuilder later = new StringBuilder();
            for (int i = 0; i < 200 && !later.toString().contains("$Other"); i++) {
                later.append(reader.command("NOOP"));
            }
            assertThat(lastFlags(later.toString())).as("James's FLAGS for the new keyword in: %s", later)
                    .contains("$Other", "$Label4");

            assertThat(lastFlags(reader.command("SELECT Elsewhere"))).doesNotContain("$Label4", "$Other");
        }
    }

    private static List<String> lastFlags(String reply) {
        Matcher flags = FLAGS.matcher(reply);
        List<String> last = List.of();
        while (flags.find()) {
            last = List.of(flags.group(1).split(" "));
        }
        return last;
    }

    /** Reads the reply line by line: FLAGS lists replace what is announced, FETCH FLAGS are checked against it. */
    private static int readAnnouncements(String reply, Set<String> announced, List<String> unannounced) {
        int keywords = 0;
        for (String line : reply.split("\r?\n")) {
            Matcher flags = FLAGS.matcher(line);
            if (flags.find()) {
                announced.clear();
                announced.addAll(List.of(flags.group(1).split(" ")));
                continue;
            }
            Matcher fetch = FETCH_FLAGS.matcher(line);
            if (fetch.find()) {
                for (String flag : fetch.group(1).split(" ")) {
                    if (!flag.isEmpty() && !flag.startsWith("\\")) {
                        keywords++;
                        if (!announced.contains(flag)) {
                            unannounced.add(flag + " in: " + line);
                        }
                    }
                }
            }
        }
        return keywords;
    }
}
