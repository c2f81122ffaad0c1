package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.facteur.mailserver.imap.binary.BinaryAppends;
import org.facteur.mailserver.mime.HostileMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MULTIAPPEND (RFC 3502) and APPEND of a literal8 (RFC 3516 §4.4) over a real socket: several messages in one APPEND
 * are stored together with their flags and dates, or none of them is; a binary message keeps its bytes.
 */
class MultiAppendIT {
    private static final String ALICE = MailServerExtension.ALICE;
    private static final String PASSWORD = MailServerExtension.ALICE_PASSWORD;
    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.US);

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static ImapDialogue loggedIn() throws Exception {
        ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1", Duration.ofSeconds(5));
        assertThat(imap.login(ALICE, PASSWORD)).startsWith("OK");
        return imap;
    }

    private static byte[] message(String subject) {
        return ("From: bob@example.org\r\nTo: alice@example.org\r\nSubject: " + subject + "\r\n\r\nbody of " + subject
                + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static long continuations(String reply) {
        return reply.lines().filter(l -> l.startsWith("+")).count();
    }

    private static String tagged(String reply) {
        return ImapDialogue.lastLineWithoutTag(reply);
    }

    @Test
    void threeMessagesInOneAppendAreStoredWithTheirFlagsDatesAndBytes() throws Exception {
        List<byte[]> messages = List.of(message("one"), message("two"), message("three"));
        try (ImapDialogue imap = loggedIn()) {
            assertThat(imap.command("CREATE Three")).containsPattern("(?m)^c\\d+ OK");
            String reply = imap.commandWithLiterals(List.of(
                    "APPEND Three (\\Seen) \"01-Jan-2020 10:00:00 +0000\" ",
                    " (\\Flagged $Label) \"02-Feb-2021 11:30:00 +0100\" ",
                    " \"03-Mar-2022 12:00:00 -0500\" ",
                    ""), messages);

            assertThat(continuations(reply)).as(reply).isEqualTo(3);
            Matcher appendUid = Pattern.compile("OK \\[APPENDUID (\\d+) (\\d+):(\\d+)] APPEND completed\\.").matcher(tagged(reply));
            assertThat(appendUid.matches()).as(reply).isTrue();
            long first = Long.parseLong(appendUid.group(2));
            assertThat(Long.parseLong(appendUid.group(3))).isEqualTo(first + 2);

            String select = imap.command("SELECT Three");
            assertThat(select).contains("* 3 EXISTS").contains("[UIDVALIDITY " + appendUid.group(1) + "]");
            String fetch = imap.command("FETCH 1:3 (UID FLAGS INTERNALDATE)");
            assertThat(fetchLine(fetch, 1)).contains("UID " + first);
            assertThat(fetchLine(fetch, 2)).contains("UID " + (first + 1));
            assertThat(fetchLine(fetch, 3)).contains("UID " + (first + 2));
            assertThat(flagsBesidesRecent(fetchLine(fetch, 1))).containsExactlyInAnyOrder("\\Seen");
            assertThat(flagsBesidesRecent(fetchLine(fetch, 2))).containsExactlyInAnyOrder("\\Flagged", "$Label");
            assertThat(flagsBesidesRecent(fetchLine(fetch, 3))).isEmpty();
            assertThat(internalDate(fetchLine(fetch, 1))).isEqualTo(Instant.parse("2020-01-01T10:00:00Z"));
            assertThat(internalDate(fetchLine(fetch, 2))).isEqualTo(Instant.parse("2021-02-02T10:30:00Z"));
            assertThat(internalDate(fetchLine(fetch, 3))).isEqualTo(Instant.parse("2022-03-03T17:00:00Z"));
            for (int i = 0; i < 3; i++) {
                assertThat(body(imap, i + 1)).isEqualTo(new String(messages.get(i), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void nonSynchronizingLiteralsAndALiteral8InOneAppendNeedNoContinuation() throws Exception {
        byte[] one = message("plain");
        byte[] two = message("literal8");
        try (ImapDialogue imap = loggedIn()) {
            assertThat(imap.command("CREATE Pipelined")).containsPattern("(?m)^c\\d+ OK");
            String tag = imap.nextTag();
            ByteArrayOutputStream command = new ByteArrayOutputStream();
            command.write((tag + " APPEND Pipelined {" + one.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
            command.write(one);
            command.write((" (\\Draft) ~{" + two.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
            command.write(two);
            command.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            imap.write(command.toByteArray());
            String reply = imap.readUntil(tag + " ");

            assertThat(continuations(reply)).as(reply).isZero();
            assertThat(reply).as(reply).containsPattern(tag + " OK \\[APPENDUID \\d+ \\d+:\\d+] APPEND completed\\.");
            assertThat(imap.command("SELECT Pipelined")).contains("* 2 EXISTS");
            assertThat(body(imap, 2)).isEqualTo(new String(two, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSecondMessageBreakingTheMimeLimitsRefusesTheWholeAppend() throws Exception {
        byte[] tooDeep = HostileMessages.deepMultipart("bob@example.org", ALICE, 60);
        try (ImapDialogue imap = loggedIn()) {
            assertThat(imap.command("CREATE Refused")).containsPattern("(?m)^c\\d+ OK");
            String reply = imap.commandWithLiterals(List.of("APPEND Refused ", " ", " ", ""),
                    List.of(message("fine"), tooDeep, message("fine too")));

            assertThat(tagged(reply)).as(reply).startsWith("NO ")
                    .contains("message 2 of 3").contains("50 levels deep").contains("none of the messages was stored");
            assertThat(imap.command("SELECT Refused")).contains("* 0 EXISTS");
            assertThat(imap.command("NOOP")).containsPattern("(?m)^c\\d+ OK");
        }
    }

    @Test
    void aMessageOverTheQuotaRemovesTheMessagesStoredBeforeIt() throws Exception {
        String erin = "erin@example.org";
        mail.server().admin().addUser(erin, PASSWORD);
        mail.server().admin().setQuota(erin, Optional.empty(), Optional.of(2L));
        try (ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1", Duration.ofSeconds(5))) {
            assertThat(imap.login(erin, PASSWORD)).startsWith("OK");
            String reply = imap.commandWithLiterals(List.of("APPEND INBOX ", " ", " ", ""),
                    List.of(message("a"), message("b"), message("c")));

            assertThat(tagged(reply)).as(reply).startsWith("NO [OVERQUOTA]").contains("none of them was stored");
            assertThat(imap.command("SELECT INBOX")).contains("* 0 EXISTS");
            assertThat(imap.commandWithLiterals(List.of("APPEND INBOX ", " ", ""), List.of(message("a"), message("b"))))
                    .as("the quota counts no message left behind by the refused APPEND")
                    .containsPattern("(?m)^c\\d+ OK \\[APPENDUID");
        }
    }

    /** James writes the command's name before the sentence: it was said twice ("BAD APPEND APPEND expects …"). */
    @Test
    void somethingOtherThanALiteralIsBadWithTheCommandNamedOnce() throws Exception {
        try (ImapDialogue imap = loggedIn()) {
            assertThat(tagged(imap.command("APPEND INBOX hello"))).isEqualTo("BAD APPEND expects each message as a "
                    + "literal, like {42} or ~{42}, after its optional flags in parentheses and date in quotes; found 'h'");
            assertThat(imap.command("NOOP")).containsPattern("(?m)^c\\d+ OK");
        }
    }

    @Test
    void severalMessagesIntoAMissingMailboxAnswerTryCreate() throws Exception {
        try (ImapDialogue imap = loggedIn()) {
            String reply = imap.commandWithLiterals(List.of("APPEND Nowhere ", " ", ""), List.of(message("x"), message("y")));
            assertThat(tagged(reply)).as(reply).startsWith("NO [TRYCREATE]");
            assertThat(imap.command("NOOP")).containsPattern("(?m)^c\\d+ OK");
        }
    }

    @Test
    void capabilityAnnouncesMultiappend() throws Exception {
        try (ImapDialogue imap = loggedIn()) {
            assertThat(imap.command("CAPABILITY")).containsPattern("(?m)^\\* CAPABILITY .* MULTIAPPEND( |$)");
        }
    }

    @Test
    void otherSessionsOnTheMailboxSeeTheNewMessages() throws Exception {
        try (ImapDialogue watcher = loggedIn(); ImapDialogue writer = loggedIn()) {
            assertThat(writer.command("CREATE Watched")).containsPattern("(?m)^c\\d+ OK");
            assertThat(watcher.command("SELECT Watched")).contains("* 0 EXISTS");
            assertThat(writer.commandWithLiterals(List.of("APPEND Watched ", " ", ""), List.of(message("p"), message("q"))))
                    .containsPattern("(?m)^c\\d+ OK");
            assertThat(watcher.command("NOOP")).contains("* 2 EXISTS");
        }
    }

    /**
     * The append-binary scenario of imaptest: a literal8 whose part is in the binary transfer encoding, NUL and 8-bit
     * bytes included, is stored with that part in base64, so BODY[] carries no NUL (RFC 3501 forbids it in a literal);
     * BINARY gives back the bytes as sent, as a literal8.
     */
    @Test
    void aLiteral8BinaryPartIsStoredInBase64AndBinaryGivesItsBytesBack() throws Exception {
        byte[] binary = binaryMessage();
        try (ImapDialogue imap = ImapDialogue.readingBytes(mail.settings().ports().imap())) {
            assertThat(imap.login(ALICE, PASSWORD)).startsWith("OK");
            assertThat(imap.command("CREATE Binary")).containsPattern("(?m)^c\\d+ OK");
            String tag = imap.nextTag();
            imap.write((tag + " APPEND Binary ~{" + binary.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(imap.readUntil("+")).isEqualTo("+ Ok\n");
            imap.write(concat(binary, "\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(imap.readUntil(tag + " ")).containsPattern(tag + " OK \\[APPENDUID \\d+ \\d+] APPEND completed\\.");
            assertThat(imap.command("SELECT Binary")).contains("* 1 EXISTS");

            String stored = body(imap, 1);
            assertThat(stored).doesNotContain("\0").doesNotContain("binary")
                    .contains("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .endsWith(java.util.Base64.getMimeEncoder().encodeToString(java.util.Arrays.copyOfRange(binary,
                            binary.length - 10, binary.length)));
            String fetched = imap.commandKeepingLiterals("FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1])");
            assertThat(fetched).contains("BINARY.SIZE[1] 10 BINARY[1] ~{10}\n"
                    + new String(binary, binary.length - 10, 10, StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * A literal8 larger than {@link BinaryAppends#IN_MEMORY_BYTES}, which James spills to a file, is re-encoded into
     * a temporary file of its own rather than a second copy on the heap: stored in base64 all the same, given back by
     * BINARY byte for byte, and the temporary file deleted once the APPEND is done.
     */
    @Test
    void aLargeLiteral8IsStoredInBase64AndLeavesNoTemporaryFile() throws Exception {
        byte[] attachment = new byte[2 * BinaryAppends.IN_MEMORY_BYTES + 7];
        new Random(7).nextBytes(attachment);
        attachment[0] = 0;
        byte[] large = concat(("From: user@example.org\r\nMime-Version: 1.0\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\n").getBytes(StandardCharsets.US_ASCII), attachment);
        Set<String> before = reencodedFiles();
        try (ImapDialogue imap = ImapDialogue.readingBytes(mail.settings().ports().imap())) {
            assertThat(imap.login(ALICE, PASSWORD)).startsWith("OK");
            assertThat(imap.command("CREATE LargeBinary")).containsPattern("(?m)^c\\d+ OK");
            String tag = imap.nextTag();
            imap.write((tag + " APPEND LargeBinary ~{" + large.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(imap.readUntil("+")).isEqualTo("+ Ok\n");
            imap.write(concat(large, "\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(imap.readUntil(tag + " ")).containsPattern(tag + " OK \\[APPENDUID \\d+ \\d+] APPEND completed\\.");
            assertThat(imap.command("SELECT LargeBinary")).contains("* 1 EXISTS");

            String base64 = Base64.getMimeEncoder().encodeToString(attachment);
            String fetched = imap.commandKeepingLiterals("FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1]<0.16> BODY.PEEK[1]<0.78>)");
            assertThat(fetched).contains("BINARY.SIZE[1] " + attachment.length)
                    .contains("~{16}\n" + new String(attachment, 0, 16, StandardCharsets.ISO_8859_1))
                    .contains("{78}\n" + base64.substring(0, 78));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!reencodedFiles().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(reencodedFiles()).isEqualTo(before);
    }

    /** The re-encoded copies of literal8 messages in the temporary directory. */
    private static Set<String> reencodedFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("facteur-literal8-"))
                    .collect(Collectors.toSet());
        }
    }

    /**
     * RFC 3501 forbids NUL in a literal; James 3.8.1 stored one anyway, and so does Facteur: the bytes are kept, the
     * session goes on.
     */
    @Test
    void aNulInAPlainLiteralIsStoredAsBeforeAndTheSessionGoesOn() throws Exception {
        appendReadsBackTheSameBytes("PlainNul", "");
    }

    /** APPENDs {@link #binaryMessage()} as a synchronizing literal ({@code prefix} "~" for a literal8), reads it back. */
    private static void appendReadsBackTheSameBytes(String mailbox, String prefix) throws Exception {
        byte[] binary = binaryMessage();
        try (ImapDialogue imap = ImapDialogue.readingBytes(mail.settings().ports().imap())) {
            assertThat(imap.login(ALICE, PASSWORD)).startsWith("OK");
            assertThat(imap.command("CREATE " + mailbox)).containsPattern("(?m)^c\\d+ OK");
            String tag = imap.nextTag();
            imap.write((tag + " APPEND " + mailbox + " " + prefix + "{" + binary.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(imap.readUntil("+")).isEqualTo("+ Ok\n");
            imap.write(concat(binary, "\r\n".getBytes(StandardCharsets.US_ASCII)));
            String reply = imap.readUntil(tag + " ");

            assertThat(reply).as(reply).containsPattern(tag + " OK \\[APPENDUID \\d+ \\d+] APPEND completed\\.");
            assertThat(imap.command("SELECT " + mailbox)).contains("* 1 EXISTS");
            assertThat(body(imap, 1)).isEqualTo(new String(binary, StandardCharsets.ISO_8859_1));
            assertThat(imap.command("NOOP")).containsPattern("(?m)^c\\d+ OK");
        }
    }

    /** James spills a command over 1 MiB to a temporary file and decodes it from there: the file must hold every message. */
    @Test
    void aLastMessageOverTheInMemoryLimitIsStoredWithTheOthers() throws Exception {
        byte[] big = largeMessage("big last", 1_500_000);
        try (ImapDialogue imap = loggedIn()) {
            assertThat(imap.command("CREATE BigLast")).containsPattern("(?m)^c\\d+ OK");
            String reply = imap.commandWithLiterals(List.of("APPEND BigLast ", " ", ""), List.of(message("small"), big));

            assertThat(tagged(reply)).as(reply).matches("OK \\[APPENDUID \\d+ \\d+:\\d+] APPEND completed\\.");
            assertThat(imap.command("SELECT BigLast")).contains("* 2 EXISTS");
            assertThat(body(imap, 1)).isEqualTo(new String(message("small"), StandardCharsets.UTF_8));
            assertThat(body(imap, 2)).isEqualTo(new String(big, StandardCharsets.UTF_8));
        }
    }

    /**
     * James keeps such a command in a file that ends with that message and decodes it again when more comes: refused
     * with a sentence, the connection closed, nothing stored (see {@link LiteralGuard}).
     */
    @Test
    void aMessageOverTheInMemoryLimitFollowedByAnotherIsRefusedAndNothingIsStored() throws Exception {
        byte[] big = largeMessage("big first", 1_500_000);
        try (ImapDialogue imap = loggedIn()) {
            assertThat(imap.command("CREATE BigFirst")).containsPattern("(?m)^c\\d+ OK");
            String reply = imap.commandWithLiterals(List.of("APPEND BigFirst ", " ", ""), List.of(big, message("small")));
            assertThat(reply).as(reply).containsPattern("(?m)^c\\d+ NO \\[TOOBIG] Only the last literal of a command may "
                    + "take it past 1048576 bytes");
        }
        try (ImapDialogue imap = loggedIn()) {
            assertThat(imap.command("SELECT BigFirst")).contains("* 0 EXISTS");
        }
    }

    private static byte[] largeMessage(String subject, int size) {
        StringBuilder m = new StringBuilder("From: bob@example.org\r\nTo: alice@example.org\r\nSubject: " + subject + "\r\n\r\n");
        for (int line = 0; m.length() < size; line++) {
            m.append("line ").append(line).append(" of a large message, to go over James's in-memory limit\r\n");
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] binaryMessage() {
        byte[] head = ("From: user@example.org\r\nDate: Sat, 24 Mar 2007 23:00:00 +0200\r\nMime-Version: 1.0\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return concat(head, new byte[] {0, (byte) 0xe4, (byte) 0xff, '\n', '\r', '\n', 0, 'x', '\r', '\n'});
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String fetchLine(String fetch, int sequence) {
        return fetch.lines().filter(l -> l.startsWith("* " + sequence + " FETCH")).findFirst().orElse("(no FETCH " + sequence + ")");
    }

    /** The FLAGS of a FETCH line without {@code \Recent}, which every message appended to an unselected mailbox has. */
    private static List<String> flagsBesidesRecent(String fetchLine) {
        Matcher flags = Pattern.compile("FLAGS \\(([^)]*)\\)").matcher(fetchLine);
        assertThat(flags.find()).as(fetchLine).isTrue();
        return Pattern.compile(" ").splitAsStream(flags.group(1)).filter(f -> !f.isEmpty() && !f.equals("\\Recent")).toList();
    }

    private static Instant internalDate(String fetchLine) {
        Matcher date = Pattern.compile("INTERNALDATE \"([^\"]+)\"").matcher(fetchLine);
        assertThat(date.find()).as(fetchLine).isTrue();
        return ZonedDateTime.parse(date.group(1).strip(), IMAP_DATE).toInstant();
    }

    /** The message's bytes as {@code FETCH n BODY.PEEK[]} returns them (one char per byte in a {@code readingBytes} dialogue). */
    private static String body(ImapDialogue imap, int sequence) throws Exception {
        String reply = imap.commandKeepingLiterals("FETCH " + sequence + " BODY.PEEK[]");
        Matcher literal = Pattern.compile("BODY\\[] \\{(\\d+)}\n").matcher(reply);
        assertThat(literal.find()).as(reply).isTrue();
        int size = Integer.parseInt(literal.group(1));
        return reply.substring(literal.end(), literal.end() + size);
    }
}
