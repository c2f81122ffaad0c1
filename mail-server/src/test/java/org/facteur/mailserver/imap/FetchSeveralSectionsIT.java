package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One FETCH asking several sections of the same part (#15): each section gets its own content, as when asked alone.
 * James 3.8.1 gave the first section of a part its content and the others empty literals. Also the MIME header of a
 * part that has no header fields: the empty line that ends it, as Dovecot sends it.
 */
class FetchSeveralSectionsIT {
    static final String ALICE = "alice@example.org";
    static final String PASSWORD = "S3cret-pass";

    static final String REPORT_HEADER = "Subject: report\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n";
    static final String MINUTES_HEADER = "From: treasurer@example.net\r\nSubject: minutes\r\n\r\n";
    static final String REPORT_BODY = "--m\r\nContent-Type: text/plain\r\n\r\nHello.\r\n"
            + "--m\r\n\r\nNo header fields.\r\n"
            + "--m\r\nContent-Type: message/rfc822\r\n\r\n" + MINUTES_HEADER + "The minutes.\r\n"
            + "--m--\r\n";
    static final String FORWARD_HEADER = "Subject: Fwd: minutes\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n";

    @TempDir
    Path data;

    @Test
    void eachSectionOfOnePartGetsItsOwnContent() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings);
             ImapDialogue imap = ImapDialogue.asNewUser(server, settings, ALICE, PASSWORD)) {
            append(imap, REPORT_HEADER + REPORT_BODY);
            append(imap, FORWARD_HEADER + MINUTES_HEADER + "The minutes.\r\n");
            assertThat(imap.command("SELECT INBOX")).contains("* 2 EXISTS");
            SoftAssertions soft = new SoftAssertions();

            String minutes = MINUTES_HEADER + "The minutes.";
            soft.assertThat(literals(imap, "FETCH 1 (BODY.PEEK[3] BODY.PEEK[3.HEADER] BODY.PEEK[3.TEXT] BODY.PEEK[3.MIME] "
                    + "BODY.PEEK[3.HEADER.FIELDS (Subject)] BODY.PEEK[3.HEADER.FIELDS.NOT (Subject)] BODY.PEEK[3]<0.10>)"))
                    .as("every section of the forwarded part").containsExactly(
                            "BODY[3] " + minutes,
                            "BODY[3.HEADER] " + MINUTES_HEADER,
                            "BODY[3.TEXT] The minutes.",
                            "BODY[3.MIME] Content-Type: message/rfc822\r\n\r\n",
                            "BODY[3.HEADER.FIELDS (Subject)] Subject: minutes\r\n\r\n",
                            "BODY[3.HEADER.FIELDS.NOT (Subject)] From: treasurer@example.net\r\n\r\n",
                            "BODY[3]<0> From: trea");
            soft.assertThat(literals(imap, "FETCH 1 (BODY.PEEK[3.HEADER] BODY.PEEK[3.HEADER.FIELDS (From)] "
                    + "BODY.PEEK[3.HEADER.FIELDS.NOT (From)])"))
                    .as("three sections reading the same header fields").containsExactly(
                            "BODY[3.HEADER] " + MINUTES_HEADER,
                            "BODY[3.HEADER.FIELDS (From)] From: treasurer@example.net\r\n\r\n",
                            "BODY[3.HEADER.FIELDS.NOT (From)] Subject: minutes\r\n\r\n");
            soft.assertThat(literals(imap, "FETCH 1 (BODY.PEEK[1.MIME] BODY.PEEK[1] BODY.PEEK[2.MIME] BODY.PEEK[2])"))
                    .as("MIME before the part, and a part without header fields").containsExactly(
                            "BODY[1.MIME] Content-Type: text/plain\r\n\r\n",
                            "BODY[1] Hello.",
                            "BODY[2.MIME] \r\n",
                            "BODY[2] No header fields.");
            soft.assertThat(literals(imap, "FETCH 1 (BODY.PEEK[2.MIME])")).as("alone").containsExactly("BODY[2.MIME] \r\n");
            soft.assertThat(literals(imap, "FETCH 1 (BODY.PEEK[1.HEADER] BODY.PEEK[1] BODY.PEEK[1.TEXT] "
                    + "BODY.PEEK[1.HEADER.FIELDS (Content-Type)])"))
                    .as("HEADER and TEXT of a part that is not a message: nothing, as Dovecot, next to the part too")
                    .containsExactly("BODY[1.HEADER] ", "BODY[1] Hello.", "BODY[1.TEXT] ", "BODY[1.HEADER.FIELDS (Content-Type)] ");
            soft.assertThat(literals(imap, "FETCH 1 (BODY.PEEK[3.HEADER.FIELDS (X-None)])"))
                    .as("no field matches: the empty line, as Dovecot, as for the whole message")
                    .containsExactly("BODY[3.HEADER.FIELDS (X-None)] \r\n");
            soft.assertThat(literals(imap, "FETCH 1 (BODY.PEEK[4.MIME] BODY.PEEK[4])"))
                    .as("a part that does not exist gets nothing, as before").containsExactly("BODY[4.MIME] ", "BODY[4] ");
            soft.assertThat(literals(imap, "FETCH 1 (BODY.PEEK[HEADER] BODY.PEEK[TEXT] BODY.PEEK[HEADER.FIELDS (Subject)] "
                    + "BODY.PEEK[HEADER.FIELDS.NOT (Subject)] BODY.PEEK[]<0.15> BODY.PEEK[])"))
                    .as("the top level").containsExactly(
                            "BODY[HEADER] " + REPORT_HEADER,
                            "BODY[TEXT] " + REPORT_BODY,
                            "BODY[HEADER.FIELDS (Subject)] Subject: report\r\n\r\n",
                            "BODY[HEADER.FIELDS.NOT (Subject)] " + REPORT_HEADER.substring("Subject: report\r\n".length()),
                            "BODY[]<0> Subject: report",
                            "BODY[] " + REPORT_HEADER + REPORT_BODY);

            soft.assertThat(literals(imap, "FETCH 2 (BODY.PEEK[1.HEADER] BODY.PEEK[1] BODY.PEEK[1.TEXT] BODY.PEEK[1.MIME] BODY.PEEK[1.1])"))
                    .as("a message whose own type is message/rfc822").containsExactly(
                            "BODY[1.HEADER] " + MINUTES_HEADER,
                            "BODY[1] " + MINUTES_HEADER + "The minutes.\r\n",
                            "BODY[1.TEXT] The minutes.\r\n",
                            "BODY[1.MIME] " + FORWARD_HEADER,
                            "BODY[1.1] The minutes.\r\n");
            soft.assertThat(literals(imap, "FETCH 1 (BODY[3] BODY[3.HEADER])"))
                    .as("without PEEK too").containsExactly("BODY[3] " + minutes, "BODY[3.HEADER] " + MINUTES_HEADER);
            soft.assertAll();
        }
    }

    private static void append(ImapDialogue imap, String message) throws Exception {
        assertThat(imap.append("INBOX", message.getBytes(StandardCharsets.US_ASCII))).contains(" OK");
    }

    /** Each literal of the reply to {@code command}, in order, as its section name, a space and its exact content. */
    private static List<String> literals(ImapDialogue imap, String command) throws Exception {
        String reply = imap.commandKeepingLiterals(command);
        Matcher m = Pattern.compile("(BODY\\[[^\\]]*](?:<\\d+>)?) \\{(\\d+)}\n").matcher(reply);
        List<String> sections = new ArrayList<>();
        for (int from = 0; m.find(from); ) {
            int end = m.end() + Integer.parseInt(m.group(2));
            sections.add(m.group(1) + " " + reply.substring(m.end(), end));
            from = end;
        }
        return sections;
    }
}
