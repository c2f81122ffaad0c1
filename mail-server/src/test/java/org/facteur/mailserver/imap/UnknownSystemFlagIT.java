package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flag with a backslash that is not one of RFC 3501's five system flags gets {@code BAD} in STORE and APPEND (one
 * message or several) and changes nothing; James 3.8.1 kept {@code \Bogus} as a keyword and sent it back in FLAGS,
 * which RFC 3501 §9 forbids a server. Keywords and the system flags in any case are still stored, and -FLAGS may name
 * such a flag, so that one stored before can be removed.
 */
class UnknownSystemFlagIT {
    private static final String ALICE = "alice@example.org";
    private static final String PASSWORD = "S3cret-pass";
    private static final byte[] MESSAGE = "Subject: flags\r\n\r\nHi\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path data;

    @Test
    void storeAndAppendRefuseAFlagExtensionAndKeepKeywords() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings);
             ImapDialogue alice = ImapDialogue.asNewUser(server, settings, ALICE, PASSWORD)) {
            assertThat(alice.append("INBOX", "(\\Seen)", MESSAGE)).containsPattern("(?m)^c\\d+ OK ");
            assertThat(alice.command("SELECT INBOX")).contains("* 1 EXISTS");

            assertThat(alice.command("STORE 1 +FLAGS (\\Bogus)"))
                    .containsPattern("(?m)^c\\d+ BAD .*Invalid system flag \\\\Bogus: a client may set \\\\Seen")
                    .doesNotContain("FETCH");
            assertThat(alice.command("UID STORE 1 FLAGS (\\Flagged \\X-Label)"))
                    .containsPattern("(?m)^c\\d+ BAD .*Invalid system flag \\\\X-Label");
            assertThat(alice.command("STORE 1 +FLAGS (\\*)")).containsPattern("(?m)^c\\d+ BAD .*Invalid system flag \\\\\\*");
            assertThat(alice.command("FETCH 1 FLAGS")).as("nothing of the refused commands was stored")
                    .contains("* 1 FETCH (FLAGS (").contains("\\Seen")
                    .doesNotContain("Bogus").doesNotContain("X-Label").doesNotContain("\\Flagged").doesNotContain("\\*");

            assertThat(alice.command("STORE 1 +FLAGS (\\flagged $Work)")).containsPattern("(?m)^c\\d+ OK ")
                    .contains("\\Flagged").contains("$Work");

            assertThat(alice.append("INBOX", "(\\Bogus)", MESSAGE))
                    .containsPattern("(?m)^c\\d+ BAD .*Invalid system flag \\\\Bogus");
            assertThat(alice.commandWithLiterals(List.of("APPEND INBOX (\\Seen) ", " (\\Junk-ish) ", ""),
                    List.of(MESSAGE, MESSAGE)))
                    .as("MULTIAPPEND: every literal read, then refused whole")
                    .containsPattern("(?m)^c\\d+ BAD .*Invalid system flag \\\\Junk-ish");
            alice.write("n1 APPEND INBOX (\\Bogus) {11+}\r\nx1 LOGOUT\r\n\r\n");
            assertThat(alice.readUntil("n1 ")).as("a non-synchronizing literal is read before the refusal")
                    .containsPattern("(?m)^n1 BAD .*Invalid system flag \\\\Bogus").doesNotContain("BYE");
            alice.write("n2 APPEND INBOX (\\Seen \\Recent) {11+}\r\nx2 LOGOUT\r\n\r\n");
            assertThat(alice.readUntil("n2 ")).as("\\Recent too, also refused once the literal is read")
                    .containsPattern("(?m)^n2 BAD .*Invalid system flag \\\\Recent").doesNotContain("BYE");
            assertThat(alice.command("NOOP")).as("the session goes on").containsPattern("(?m)^c\\d+ OK ");
            assertThat(alice.command("STORE 1 -FLAGS (\\Bogus $Work)")).as("removing one is allowed")
                    .containsPattern("(?m)^c\\d+ OK ");
            assertThat(alice.command("FETCH 1 FLAGS").lines().filter(l -> l.startsWith("* 1 FETCH")))
                    .singleElement().asString().contains("\\Flagged").doesNotContain("$Work");
            assertThat(alice.command("STATUS INBOX (MESSAGES)")).contains("(MESSAGES 1)");
        }
    }
}
