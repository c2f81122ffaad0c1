package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FETCH BINARY, BINARY.PEEK and BINARY.SIZE (RFC 3516) over a socket: parts found by number, base64 and
 * quoted-printable removed, literal8 for content that is not text, partial fetches, {@code \Seen} as BODY sets it,
 * {@code NO [UNKNOWN-CTE]} for an encoding the server cannot remove, and BAD for a section BINARY does not have.
 */
class FetchBinaryIT {
    private static final String ALICE = "alice@example.org";
    private static final String PASSWORD = "S3cret-pass";
    private static final String NOT_TEXT = "\0\1a\rb\nc";
    private static final String INNER = "From: bob@example.org\r\nSubject: inner\r\n"
            + "Content-Type: multipart/alternative; boundary=\"in\"\r\n\r\n"
            + "--in\r\nContent-Type: text/html\r\n\r\n<p>Hi</p>\r\n"
            + "--in\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "1 + 1 =3D 2, a long=\r\n line\r\n--in--\r\n";
    private static final String MESSAGE = "From: alice@example.org\r\nSubject: binary parts\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"out\"\r\n\r\n"
            + "--out\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "aGVs\r\n  bG8gd29y \r\nbGQ=\r\n"
            + "--out\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getEncoder().encodeToString(NOT_TEXT.getBytes(StandardCharsets.ISO_8859_1)) + "\r\n"
            + "--out\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Soft=\r\n break, trailing space   \r\nand =3D sign\r\n"
            + "--out\r\nContent-Type: message/rfc822\r\n\r\n" + INNER
            + "\r\n--out\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n"
            + "begin 644 x\r\n`\r\nend\r\n"
            + "--out--\r\n";

    @TempDir
    static Path data;
    private static MailServerSettings settings;
    private static FacteurMailServer server;
    private static ImapDialogue imap;

    @BeforeAll
    static void start() throws Exception {
        settings = TestMailServers.settings(data);
        server = FacteurMailServer.start(settings);
        imap = ImapDialogue.asNewUser(server, settings, ALICE, PASSWORD);
        for (int i = 0; i < 2; i++) {
            assertThat(imap.append("INBOX", MESSAGE.getBytes(StandardCharsets.ISO_8859_1))).contains("OK");
        }
        assertThat(imap.command("SELECT INBOX")).contains("* 2 EXISTS");
    }

    @AfterAll
    static void stop() throws Exception {
        imap.close();
        server.close();
    }

    /** The literal after {@code item} in the reply, or a text saying there was none; {@code ~} kept in front. */
    private static String literalOf(String reply, String item) {
        Matcher m = Pattern.compile(Pattern.quote(item) + " (~?)\\{(\\d+)}\n").matcher(reply);
        return m.find() ? m.group(1) + reply.substring(m.end(), m.end() + Integer.parseInt(m.group(2)))
                : "(no literal) " + reply;
    }

    private static String fetch(String items) throws Exception {
        return imap.commandKeepingLiterals("FETCH 1 (" + items + ")");
    }

    @Test
    void theServerAnnouncesBinary() throws Exception {
        assertThat(imap.command("CAPABILITY")).containsPattern("\\* CAPABILITY .* BINARY( |\n)");
    }

    @Test
    void eachPartComesWithoutItsTransferEncoding() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(literalOf(fetch("BINARY.PEEK[1]"), "BINARY[1]")).isEqualTo("hello world");
        soft.assertThat(literalOf(fetch("BINARY.PEEK[2]"), "BINARY[2]")).as("not text: a literal8").isEqualTo("~" + NOT_TEXT);
        soft.assertThat(literalOf(fetch("BINARY.PEEK[3]"), "BINARY[3]")).isEqualTo("Soft break, trailing space\r\nand = sign");
        soft.assertThat(literalOf(fetch("BINARY.PEEK[4]"), "BINARY[4]")).as("a forwarded message is its own bytes").isEqualTo(INNER);
        soft.assertThat(literalOf(fetch("BINARY.PEEK[4.1]"), "BINARY[4.1]")).isEqualTo("<p>Hi</p>");
        soft.assertThat(literalOf(fetch("BINARY.PEEK[4.2]"), "BINARY[4.2]")).isEqualTo("1 + 1 = 2, a long line");
        soft.assertThat(literalOf(fetch("BINARY.PEEK[]"), "BINARY[]")).isEqualTo(MESSAGE);
        soft.assertThat(literalOf(fetch("BINARY.PEEK[9]"), "BINARY[9]")).as("no such part").isEmpty();
        soft.assertAll();
    }

    @Test
    void sizesArePlainNumbersOfTheDecodedBytes() throws Exception {
        String reply = fetch("BINARY.SIZE[1] BINARY.SIZE[2] BINARY.SIZE[3] BINARY.SIZE[4.2] BINARY.SIZE[]");
        assertThat(reply).contains("BINARY.SIZE[1] 11 BINARY.SIZE[2] 7 BINARY.SIZE[3] 38 BINARY.SIZE[4.2] 22 BINARY.SIZE[] "
                + MESSAGE.length() + ")");
    }

    @Test
    void aPartialFetchCutsTheDecodedBytes() throws Exception {
        assertThat(literalOf(fetch("BINARY.PEEK[1]<6.5>"), "BINARY[1]<6>")).isEqualTo("world");
        assertThat(literalOf(fetch("BINARY.PEEK[1]<6.100>"), "BINARY[1]<6>")).isEqualTo("world");
        assertThat(literalOf(fetch("BINARY.PEEK[2]<3.2>"), "BINARY[2]<3>")).as("a lone CR: literal8").isEqualTo("~\rb");
        assertThat(literalOf(fetch("BINARY.PEEK[1]<50.5>"), "BINARY[1]<50>")).isEmpty();
    }

    @Test
    void binaryItemsMixWithOtherItemsAndUidFetch() throws Exception {
        String reply = imap.commandKeepingLiterals("UID FETCH 1:* (FLAGS BINARY.SIZE[1] BODY.PEEK[1] BINARY.PEEK[1])");
        assertThat(reply).contains("BINARY.SIZE[1] 11");
        assertThat(literalOf(reply, "BODY[1]")).isEqualTo("aGVs\r\n  bG8gd29y \r\nbGQ=");
        assertThat(literalOf(reply, "BINARY[1]")).isEqualTo("hello world");
        assertThat(reply).containsPattern("\\* 1 FETCH \\(.*UID 1");
        assertThat(reply).containsPattern("\\* 2 FETCH \\(.*UID 2");
        assertThat(reply).containsPattern("OK .*FETCH completed");
    }

    @Test
    void binaryMarksTheMessageSeenAndPeekDoesNot() throws Exception {
        imap.command("STORE 2 -FLAGS (\\Seen)");
        assertThat(imap.commandKeepingLiterals("FETCH 2 (BINARY.PEEK[1])")).doesNotContain("\\Seen");
        assertThat(imap.command("FETCH 2 (FLAGS)")).doesNotContain("\\Seen");
        assertThat(imap.commandKeepingLiterals("FETCH 2 (BINARY[1])")).contains("\\Seen");
        assertThat(imap.command("FETCH 2 (FLAGS)")).contains("\\Seen");
    }

    @Test
    void anEncodingTheServerCannotRemoveIsRefusedWithUnknownCte() throws Exception {
        String reply = fetch("BINARY.PEEK[5]");
        assertThat(reply).doesNotContain("* 1 FETCH");
        assertThat(ImapDialogue.lastLineWithoutTag(reply)).startsWith("NO [UNKNOWN-CTE]").contains("x-uuencode");
        assertThat(literalOf(fetch("BODY.PEEK[5]"), "BODY[5]")).as("BODY still gives it as stored")
                .isEqualTo("begin 644 x\r\n`\r\nend");
        assertThat(imap.command("NOOP")).contains("OK");
    }

    @Test
    void sectionsBinaryDoesNotHaveAreBadRequests() throws Exception {
        for (String wrong : new String[] {"BINARY[1.HEADER]", "BINARY.PEEK[TEXT]", "BINARY[1.0]", "BINARY.SIZE[1]<0.2>",
                "BINARY.SIZE", "BINARYX[1]"}) {
            assertThat(ImapDialogue.lastLineWithoutTag(imap.command("FETCH 1 (" + wrong + ")"))).as(wrong).startsWith("BAD");
        }
        assertThat(imap.command("NOOP")).contains("OK");
    }

    @Test
    void bodySectionsNumberPartsFromOne() throws Exception {
        // RFC 3501's section-part is nz-numbers (Dovecot answers BAD); James answered BODY[0] with the whole message.
        for (String wrong : new String[] {"BODY[0]", "BODY.PEEK[1.0]", "BODY[0.HEADER]", "BODY.PEEK[0.MIME]"}) {
            assertThat(ImapDialogue.lastLineWithoutTag(imap.command("FETCH 1 (" + wrong + ")"))).as(wrong)
                    .startsWith("BAD").contains("Part numbers start at 1");
        }
        assertThat(ImapDialogue.lastLineWithoutTag(imap.command("FETCH 1 (BODY.PEEK[1.MIME])"))).startsWith("OK");
        assertThat(imap.command("NOOP")).contains("OK");
    }
}
