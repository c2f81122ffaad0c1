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
 * A mailbox name in a namespace other than the member's own ({@code #user.bob@example.org.INBOX}, {@code #public.x})
 * gets a tagged {@code NO} that says so, the connection goes on, and nothing of anyone's mail changes. James 3.8.1
 * throws on such a name before its answer is built (in {@code PathConverter}) for STATUS, SELECT, EXAMINE, APPEND,
 * COPY, MOVE and others, and closed the connection without a word. A SELECT or EXAMINE that fails, there or on a
 * mailbox that does not exist, leaves no mailbox selected.
 */
class OtherNamespacesIT {
    private static final String ALICE = "alice@example.org";
    private static final String BOB = "bob@example.org";
    private static final String PASSWORD = "S3cret-pass";
    private static final byte[] MESSAGE = ("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: hello\r\n\r\n"
            + "Hi\r\n").getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path data;

    @Test
    void namesOutsideTheMembersNamespaceGetNoAndTheSessionGoesOn() throws Exception {
        MailServerSettings settings = TestMailServers.settings(data);
        try (FacteurMailServer server = FacteurMailServer.start(settings);
             ImapDialogue bob = ImapDialogue.asNewUser(server, settings, BOB, PASSWORD)) {
            server.admin().addUser(ALICE, PASSWORD);
            assertThat(bob.append("INBOX", MESSAGE)).contains(" OK ");
            try (ImapDialogue alice = new ImapDialogue(settings.ports().imap(), "127.0.0.1")) {
                assertThat(alice.login(ALICE, PASSWORD)).startsWith("OK");
                assertThat(alice.append("INBOX", MESSAGE)).contains(" OK ");
                for (String name : List.of("#user.bob@example.org.INBOX", "#user.bob@example.org", "#public.shared",
                        "#user")) {
                    String quoted = "\"" + name + "\"";
                    for (String command : List.of("STATUS " + quoted + " (MESSAGES)", "EXAMINE " + quoted,
                            "SELECT " + quoted, "CREATE " + quoted, "DELETE " + quoted, "RENAME INBOX " + quoted,
                            "RENAME " + quoted + " Moved", "SUBSCRIBE " + quoted, "UNSUBSCRIBE " + quoted,
                            "GETMETADATA " + quoted + " /private/comment",
                            "SETMETADATA " + quoted + " (/private/comment \"x\")", "GETQUOTAROOT " + quoted,
                            "MYRIGHTS " + quoted, "GETACL " + quoted, "LISTRIGHTS " + quoted + " " + ALICE,
                            "SETACL " + quoted + " " + ALICE + " lr", "DELETEACL " + quoted + " " + ALICE)) {
                        assertRefused(alice, command, alice.command(command));
                    }
                    assertRefused(alice, "APPEND " + quoted, alice.append(name, MESSAGE));
                    assertThat(alice.command("SELECT INBOX")).contains(" OK [READ-WRITE]");
                    for (String command : List.of("COPY 1 " + quoted, "MOVE 1 " + quoted, "UID COPY 1:* " + quoted,
                            "UID MOVE 1:* " + quoted)) {
                        assertRefused(alice, command, alice.command(command));
                    }
                    assertThat(alice.command("FETCH 1 (FLAGS)")).as("still selected after " + name)
                            .contains("* 1 FETCH");
                    assertThat(alice.command("CLOSE")).contains(" OK ");
                }
                for (String command : List.of("LIST \"#user.\" \"*\"", "LIST \"\" \"#user.*\"", "LIST \"\" \"#public*\"",
                        "LSUB \"#user.\" \"*\"")) {
                    String reply = alice.command(command);
                    assertThat(reply).as(command).containsPattern("(?m)^c\\d+ (OK|NO) ").doesNotContain("bob", "(closed)");
                    assertThat(alice.command("NOOP")).as("after " + command).contains(" OK NOOP");
                }
                assertThat(alice.command("NAMESPACE")).contains("* NAMESPACE ((\"\" \".\")) NIL NIL");
                // A SELECT or EXAMINE that fails leaves no mailbox selected (RFC 3501 §6.3.1); James kept the one before.
                for (String failing : List.of("SELECT \"#user.bob@example.org.INBOX\"", "EXAMINE \"#public.x\"",
                        "SELECT NoSuchMailbox", "EXAMINE NoSuchMailbox")) {
                    assertThat(alice.command("SELECT INBOX")).contains(" OK [READ-WRITE]");
                    assertThat(alice.command(failing)).as(failing).containsPattern("(?m)^c\\d+ NO ");
                    assertThat(alice.command("FETCH 1 (FLAGS)")).as("after " + failing).doesNotContain("* 1 FETCH")
                            .containsPattern("(?m)^c\\d+ (BAD|NO) ");
                }
                // A BAD changes nothing: the command was not carried out.
                assertThat(alice.command("SELECT INBOX")).contains(" OK [READ-WRITE]");
                assertThat(alice.command("SELECT INBOX (QRESYNC (1 1))")).containsPattern("(?m)^c\\d+ BAD ");
                assertThat(alice.command("FETCH 1 (FLAGS)")).contains("* 1 FETCH");
                assertThat(alice.command("CLOSE")).contains(" OK ");
                assertThat(alice.command("STATUS INBOX (MESSAGES)")).contains("(MESSAGES 1)");
                assertThat(alice.command("LIST \"\" \"*\"")).doesNotContain("#user", "#public", "shared");
            }
            assertThat(bob.command("STATUS INBOX (MESSAGES)")).contains("(MESSAGES 1)");
            assertThat(bob.command("GETACL INBOX")).doesNotContain(ALICE);
            assertThat(bob.command("LIST \"\" \"*\"")).contains("INBOX").doesNotContain("Moved", "shared");
        }
    }

    private static void assertRefused(ImapDialogue imap, String command, String reply) throws Exception {
        assertThat(reply).as(command).containsPattern("(?m)^c\\d+ NO .*(another user's or a shared namespace: you "
                + "can only reach your own mailboxes|You can not access a mailbox that does not belong to you)");
        assertThat(reply).as(command).doesNotContain("(closed)", "* BYE");
        assertThat(imap.command("NOOP")).as("after " + command).contains(" OK NOOP");
    }
}
