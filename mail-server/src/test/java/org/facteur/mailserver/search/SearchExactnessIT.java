package org.facteur.mailserver.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IMAP SEARCH over a socket against a brute-force judge: every key's answer must be exactly the set of UIDs that
 * the judge finds by parsing the same messages with Jakarta Mail (another MIME parser than the server's) and
 * testing each one by the RFC's words. Checked right after APPEND (the index has not caught up: the store answers),
 * once the index caught up, after EXPUNGE of consecutive UIDs, after a restart, after the index was deleted, during
 * and after an admin reindex, and in a mailbox filled by COPY.
 */
class SearchExactnessIT {
    private static final String USER = "bob@example.org";
    private static final String PASSWORD = "Search-test-pass1";
    private static final DateTimeFormatter APPEND_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    @TempDir
    Path data;

    /** The judge's view of one message. */
    record Judged(long uid, Set<String> flags, ZonedDateTime internalDate, int size, List<String[]> headers, String body) {
        List<String> values(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        String headerBlock() {
            return headers.stream().map(h -> h[0] + ": " + h[1]).collect(Collectors.joining("\n"));
        }
    }

    /** One SEARCH key: its IMAP text (an optional UTF-8 literal goes at its end) and the judge's rule. */
    record Check(String key, String literal, Predicate<Judged> rule) {
        static Check of(String key, Predicate<Judged> rule) {
            return new Check(key, null, rule);
        }

        static Check utf8(String keyBeforeLiteral, String literal, Predicate<Judged> rule) {
            return new Check(keyBeforeLiteral, literal, rule);
        }
    }

    @Test
    void everyKeyAnswersWhatABruteForceScanFinds() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        List<SearchCorpus.Item> items = SearchCorpus.items();
        List<Judged> judged = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            judged.add(judge(i + 1, items.get(i)));
        }
        List<Check> checks = checks();
        List<String> wrong = new ArrayList<>();

        try (FacteurMailServer server = FacteurMailServer.start(settings)) {
            server.admin().addDomain("example.org");
            server.admin().addUser(USER, PASSWORD);
            try (ImapDialogue imap = login(settings)) {
                assertThat(imap.command("CREATE Corpus")).contains(" OK");
                for (SearchCorpus.Item item : items) {
                    String flags = "(" + String.join(" ", item.flags()) + ") \"" + APPEND_DATE.format(item.internalDate()) + "\"";
                    assertThat(imap.append("Corpus", flags, item.bytes())).contains(" OK");
                }
                verify(imap, "Corpus", judged, checks, "right after APPEND", wrong);
                assertThat(server.awaitSearchIndex(Duration.ofMinutes(1))).isTrue();
                verify(imap, "Corpus", judged, checks, "index caught up", wrong);

                // Expunge two messages with consecutive UIDs (James's Lucene index lost every other message here).
                assertThat(imap.command("SELECT Corpus")).contains(" OK");
                assertThat(imap.command("UID STORE 1:* -FLAGS.SILENT (\\Deleted)")).contains(" OK");
                assertThat(imap.command("UID STORE 3:4 +FLAGS.SILENT (\\Deleted)")).contains(" OK");
                assertThat(imap.command("EXPUNGE")).contains(" OK");
                judged.removeIf(j -> j.uid() == 3 || j.uid() == 4);
                judged.replaceAll(j -> withoutDeleted(j));
                verify(imap, "Corpus", judged, checks, "after EXPUNGE of UIDs 3 and 4", wrong);
                assertThat(server.awaitSearchIndex(Duration.ofMinutes(1))).isTrue();
                verify(imap, "Corpus", judged, checks, "after EXPUNGE, index caught up", wrong);
            }
        }
        try (FacteurMailServer server = FacteurMailServer.start(settings); ImapDialogue imap = login(settings)) {
            verify(imap, "Corpus", judged, checks, "after a restart", wrong);
        }
        deleteIndex(DataDirectory.of(settings.dataDir()).searchIndex());
        try (FacteurMailServer server = FacteurMailServer.start(settings); ImapDialogue imap = login(settings)) {
            verify(imap, "Corpus", judged, checks, "index deleted, just restarted", wrong);
            assertThat(server.awaitSearchIndex(Duration.ofMinutes(1))).isTrue();
            verify(imap, "Corpus", judged, checks, "index deleted, rebuilt", wrong);
            assertThat(server.admin().reindex(java.util.Optional.of(USER))).isGreaterThanOrEqualTo(2); // INBOX, Corpus, default folders
            verify(imap, "Corpus", judged, checks, "during admin reindex", wrong);
            assertThat(server.awaitSearchIndex(Duration.ofMinutes(1))).isTrue();
            verify(imap, "Corpus", judged, checks, "after admin reindex", wrong);

            assertThat(imap.command("CREATE Copied")).contains(" OK");
            assertThat(imap.command("SELECT Corpus")).contains(" OK");
            assertThat(imap.command("UID COPY 1:* Copied")).contains(" OK");
            List<Judged> copied = new ArrayList<>();
            for (int i = 0; i < judged.size(); i++) {
                Judged j = judged.get(i);
                copied.add(new Judged(i + 1, j.flags(), j.internalDate(), j.size(), j.headers(), j.body()));
            }
            verify(imap, "Copied", copied, checks, "in a mailbox filled by COPY", wrong);
        }
        assertThat(wrong).as("SEARCH answers that differ from the brute-force scan").isEmpty();
    }

    private static ImapDialogue login(MailServerSettings settings) throws Exception {
        ImapDialogue imap = new ImapDialogue(settings.ports().imap(), "127.0.0.1");
        assertThat(imap.login(USER, PASSWORD)).startsWith("OK");
        return imap;
    }

    private static void verify(ImapDialogue imap, String mailbox, List<Judged> judged, List<Check> checks, String when,
                               List<String> wrong) throws Exception {
        assertThat(imap.command("SELECT " + mailbox)).contains(" OK");
        int nonEmpty = 0;
        for (Check check : checks) {
            Set<Long> expected = judged.stream().filter(check.rule()).map(Judged::uid).collect(Collectors.toCollection(TreeSet::new));
            String reply = check.literal() == null
                    ? imap.command("UID SEARCH " + check.key())
                    : imap.commandWithLiteral("UID SEARCH CHARSET UTF-8 " + check.key(), check.literal().getBytes(StandardCharsets.UTF_8), "");
            Set<Long> actual = uids(reply);
            if (!reply.contains(" OK ") || !expected.equals(actual)) {
                wrong.add(when + ": UID SEARCH " + check.key() + (check.literal() == null ? "" : "{" + check.literal() + "}")
                        + " expected " + expected + " got " + actual + (reply.contains(" OK ") ? "" : " (" + reply.trim() + ")"));
            }
            if (!expected.isEmpty() && expected.size() < judged.size()) {
                nonEmpty++;
            }
        }
        // The checks must discriminate: most keys select some messages and leave others out.
        assertThat(nonEmpty).as("keys that select a proper, non-empty subset").isGreaterThan(checks.size() * 2 / 3);
    }

    private static Set<Long> uids(String reply) {
        Set<Long> uids = new TreeSet<>();
        for (String line : reply.split("\n")) {
            if (line.startsWith("* SEARCH")) {
                for (String n : line.substring("* SEARCH".length()).trim().split(" ")) {
                    if (!n.isEmpty()) {
                        uids.add(Long.parseLong(n));
                    }
                }
            }
        }
        return uids;
    }

    private static List<Check> checks() {
        List<Check> c = new ArrayList<>();
        // Substrings, not words (imaptest's search-body and search-header groups)
        c.add(Check.of("BODY sdfghjk", j -> body(j, "sdfghjk")));
        c.add(Check.of("BODY zebrafish", j -> body(j, "zebrafish")));
        c.add(Check.of("BODY \"HELLO WORLD\"", j -> body(j, "hello world")));
        c.add(Check.of("BODY \"says hello world\"", j -> body(j, "says hello world")));
        c.add(Check.of("BODY kangaroos", j -> body(j, "kangaroos")));
        c.add(Check.of("BODY platypus", j -> body(j, "platypus")));
        c.add(Check.of("BODY \"second line\"", j -> body(j, "second line")));
        c.add(Check.of("BODY bold", j -> body(j, "bold")));
        c.add(Check.of("BODY \"ignored title\"", j -> body(j, "ignored title")));
        c.add(Check.of("BODY duplicate", j -> body(j, "duplicate")));
        c.add(Check.of("BODY ch", j -> body(j, "ch")));
        c.add(Check.of("BODY \"o g\"", j -> body(j, "o g")));
        c.add(Check.of("BODY \"harlie delta echo\"", j -> body(j, "harlie delta echo")));
        c.add(Check.of("TEXT tortoise", j -> text(j, "tortoise")));
        c.add(Check.of("TEXT realfrom", j -> text(j, "realfrom")));
        c.add(Check.of("TEXT \"annual report\"", j -> text(j, "annual report")));
        c.add(Check.of("TEXT filler1", j -> text(j, "filler1")));
        c.add(Check.of("SUBJECT \"eautiful worl\"", j -> header(j, "Subject", "eautiful worl")));
        c.add(Check.of("SUBJECT tortoise", j -> header(j, "Subject", "tortoise")));
        c.add(Check.of("SUBJECT \"is folded\"", j -> header(j, "Subject", "is folded")));
        c.add(Check.of("SUBJECT filler", j -> header(j, "Subject", "filler")));
        c.add(Check.of("SUBJECT \"[list]\"", j -> header(j, "Subject", "[list]")));
        c.add(Check.of("FROM ser-fro", j -> header(j, "From", "ser-fro")));
        c.add(Check.of("FROM user-from@domain.org", j -> header(j, "From", "user-from@domain.org")));
        c.add(Check.of("FROM \"RealFrom <user-from@domain.org>\"", j -> header(j, "From", "realfrom <user-from@domain.org>")));
        c.add(Check.of("FROM domain.org", j -> header(j, "From", "domain.org")));
        c.add(Check.of("FROM example", j -> header(j, "From", "example")));
        c.add(Check.of("TO bob", j -> header(j, "To", "bob")));
        c.add(Check.of("TO \"Bob Member\"", j -> header(j, "To", "bob member")));
        c.add(Check.of("CC carol", j -> header(j, "Cc", "carol")));
        c.add(Check.of("BCC hidden", j -> header(j, "Bcc", "hidden")));
        c.add(Check.of("HEADER X-Custom needle", j -> header(j, "X-Custom", "needle")));
        c.add(Check.of("HEADER X-Custom \"\"", j -> !j.values("X-Custom").isEmpty()));
        c.add(Check.of("HEADER Content-Type multipart", j -> header(j, "Content-Type", "multipart")));
        c.add(Check.of("HEADER Message-ID m1@", j -> header(j, "Message-ID", "m1@")));
        // Encoded words, raw UTF-8 headers, charsets
        c.add(Check.utf8("SUBJECT ", "réunion", j -> header(j, "Subject", "réunion")));
        c.add(Check.utf8("SUBJECT ", "ÉLECTIONS", j -> header(j, "Subject", "élections")));
        c.add(Check.utf8("FROM ", "André", j -> header(j, "From", "andré")));
        c.add(Check.utf8("FROM ", "zoé", j -> header(j, "From", "zoé")));
        c.add(Check.utf8("BODY ", "crème", j -> body(j, "crème")));
        c.add(Check.utf8("BODY ", "élections, café", j -> body(j, "élections, café")));
        c.add(Check.utf8("TEXT ", "comité", j -> text(j, "comité")));
        // Flags, sizes, UIDs, dates and their combinations
        c.add(Check.of("SEEN", j -> j.flags().contains("\\Seen")));
        c.add(Check.of("UNSEEN", j -> !j.flags().contains("\\Seen")));
        c.add(Check.of("FLAGGED", j -> j.flags().contains("\\Flagged")));
        c.add(Check.of("ANSWERED", j -> j.flags().contains("\\Answered")));
        c.add(Check.of("DRAFT", j -> j.flags().contains("\\Draft")));
        c.add(Check.of("DELETED", j -> j.flags().contains("\\Deleted")));
        c.add(Check.of("UNDELETED", j -> !j.flags().contains("\\Deleted")));
        c.add(Check.of("KEYWORD $Label1", j -> j.flags().contains("$Label1")));
        c.add(Check.of("UNKEYWORD $Label1", j -> !j.flags().contains("$Label1")));
        c.add(Check.of("LARGER 400", j -> j.size() > 400));
        c.add(Check.of("SMALLER 300", j -> j.size() < 300));
        c.add(Check.of("UID 2:6", j -> j.uid() >= 2 && j.uid() <= 6));
        c.add(Check.of("UID 1,5,9:10", j -> j.uid() == 1 || j.uid() == 5 || j.uid() == 9 || j.uid() == 10));
        c.add(Check.of("ON 2-Jan-2024", j -> internalDay(j).equals(LocalDate.of(2024, 1, 2))));
        c.add(Check.of("BEFORE 4-Jan-2024", j -> internalDay(j).isBefore(LocalDate.of(2024, 1, 4))));
        c.add(Check.of("SINCE 10-Jan-2024", j -> !internalDay(j).isBefore(LocalDate.of(2024, 1, 10))));
        c.add(Check.of("SENTON 1-Jan-2024", j -> sentDay(j).map(d -> d.equals(LocalDate.of(2024, 1, 1))).orElse(false)));
        c.add(Check.of("SENTBEFORE 5-Jan-2024", j -> sentDay(j).map(d -> d.isBefore(LocalDate.of(2024, 1, 5))).orElse(false)));
        c.add(Check.of("SENTSINCE 12-Jan-2024", j -> sentDay(j).map(d -> !d.isBefore(LocalDate.of(2024, 1, 12))).orElse(false)));
        c.add(Check.of("NOT BODY alpha", j -> !body(j, "alpha")));
        c.add(Check.of("OR SUBJECT filler FROM domain.org", j -> header(j, "Subject", "filler") || header(j, "From", "domain.org")));
        c.add(Check.of("SEEN BODY bravo", j -> j.flags().contains("\\Seen") && body(j, "bravo")));
        c.add(Check.of("NOT OR SEEN FLAGGED", j -> !j.flags().contains("\\Seen") && !j.flags().contains("\\Flagged")));
        c.add(Check.of("OR BODY kangaroos NOT TEXT filler", j -> body(j, "kangaroos") || !text(j, "filler")));
        return c;
    }

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s\\u00a0]+", " ");
    }

    private static boolean body(Judged j, String key) {
        return norm(j.body()).contains(norm(key));
    }

    private static boolean text(Judged j, String key) {
        return body(j, key) || norm(j.headerBlock()).contains(norm(key));
    }

    private static boolean header(Judged j, String name, String key) {
        return j.values(name).stream().anyMatch(v -> norm(v).contains(norm(key)));
    }

    private static LocalDate internalDay(Judged j) {
        return j.internalDate().withZoneSameInstant(ZoneId.systemDefault()).toLocalDate();
    }

    private static java.util.Optional<LocalDate> sentDay(Judged j) {
        return j.values("Date").stream().findFirst()
                .map(v -> ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate());
    }

    private static Judged withoutDeleted(Judged j) {
        Set<String> flags = new TreeSet<>(j.flags());
        flags.remove("\\Deleted");
        return new Judged(j.uid(), flags, j.internalDate(), j.size(), j.headers(), j.body());
    }

    /** Parses one message with Jakarta Mail: decoded top-level headers and the text of its body as a reader sees it. */
    private static Judged judge(long uid, SearchCorpus.Item item) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.mime.allowutf8", "true");
        MimeMessage message = new MimeMessage(Session.getInstance(props), new ByteArrayInputStream(item.bytes()));
        List<String[]> headers = new ArrayList<>();
        for (Header h : java.util.Collections.list(message.getAllHeaders())) {
            headers.add(new String[] {h.getName(), MimeUtility.decodeText(MimeUtility.unfold(h.getValue())).trim()});
        }
        StringBuilder body = new StringBuilder();
        text(message, body);
        return new Judged(uid, new TreeSet<>(item.flags()), item.internalDate(), item.bytes().length, headers, body.toString());
    }

    private static void text(Part part, StringBuilder out) throws Exception {
        if (part.isMimeType("text/html")) {
            out.append(htmlText((String) part.getContent())).append('\n');
        } else if (part.isMimeType("text/*")) {
            out.append((String) part.getContent()).append('\n');
        } else if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                text(child, out);
            }
        } else if (part.isMimeType("message/rfc822")) {
            MimeMessage inner = (MimeMessage) part.getContent();
            for (Header h : java.util.Collections.list(inner.getAllHeaders())) {
                out.append(h.getName()).append(": ").append(MimeUtility.decodeText(MimeUtility.unfold(h.getValue()))).append('\n');
            }
            text(inner, out);
        }
    }

    private static final Pattern DROPPED = Pattern.compile("<(head|style|script)\\b.*?</\\1>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static String htmlText(String html) {
        Matcher m = DROPPED.matcher(html);
        String text = m.replaceAll(" ").replaceAll("<[^>]*>", " ");
        return text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }

    private static void deleteIndex(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        assertThat(Arrays.asList(dir.toFile().list() == null ? new String[0] : dir.toFile().list())).isEmpty();
    }
}
