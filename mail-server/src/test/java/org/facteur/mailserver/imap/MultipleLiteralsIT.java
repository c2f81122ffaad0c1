package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.facteur.mailserver.FacteurMailServer;
import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands with two or more synchronizing literals (RFC 3501 §4.3): the server asks for each with a {@code +}. On James
 * 3.8.1 alone the second one was never asked for and the client waited forever (seen with {@code LOGIN {15} {11}}):
 * {@link LiteralGuard} asks for it. Each test also checks that no literal is asked for twice.
 */
class MultipleLiteralsIT {
    private static final String ALICE = "alice@example.org";
    private static final String PASSWORD = "S3cret-pass";

    @TempDir
    static Path data;
    private static MailServerSettings settings;
    private static FacteurMailServer server;

    @BeforeAll
    static void start() throws Exception {
        settings = TestMailServers.settings(data);
        server = FacteurMailServer.start(settings);
        server.admin().addDomain("example.org");
        server.admin().addUser(ALICE, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static ImapDialogue dialogue() throws Exception {
        return new ImapDialogue(settings.ports().imap(), "127.0.0.1", Duration.ofSeconds(5));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long continuations(String reply) {
        return reply.lines().filter(l -> l.startsWith("+")).count();
    }

    @Test
    void loginWithTheAddressAndThePasswordAsLiteralsIsAskedForBothAndSucceeds() throws Exception {
        try (ImapDialogue imap = dialogue()) {
            String reply = imap.commandWithLiterals(List.of("LOGIN ", " ", ""), List.of(utf8(ALICE), utf8(PASSWORD)));
            assertThat(reply).as(reply).containsPattern("(?m)^c2 OK");
            assertThat(continuations(reply)).isEqualTo(2);
            assertThat(imap.command("NOOP")).contains("c3 OK");
        }
    }

    @Test
    void aSearchWithThreeUtf8StringsFindsTheMessageAndTheSessionGoesOn() throws Exception {
        try (ImapDialogue imap = dialogue()) {
            imap.login(ALICE, PASSWORD);
            assertThat(imap.append("INBOX", utf8("From: José <jose@example.org>\r\nSubject: =?UTF-8?Q?R=C3=A9union_d=27=C3=A9t=C3=A9?=\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                    + "Ordre du jour : l'été.\r\n"))).contains(" OK");
            assertThat(imap.append("INBOX", utf8("From: bob@example.org\r\nSubject: other\r\n\r\nnothing\r\n"))).contains(" OK");
            imap.command("SELECT INBOX");
            String reply = imap.commandWithLiterals(List.of("UID SEARCH CHARSET UTF-8 FROM ", " SUBJECT ", " BODY ", ""),
                    List.of(utf8("José"), utf8("réunion"), utf8("été")));
            assertThat(reply).as(reply).contains("* SEARCH 1\n").containsPattern("(?m)^c\\d+ OK");
            assertThat(continuations(reply)).isEqualTo(3);
            assertThat(imap.command("NOOP")).containsPattern("(?m)^c\\d+ OK");
        }
    }

    @Test
    void renameWithBothNamesAsLiteralsRenames() throws Exception {
        try (ImapDialogue imap = dialogue()) {
            imap.login(ALICE, PASSWORD);
            assertThat(imap.command("CREATE Drafts2")).containsPattern("(?m)^c\\d+ OK");
            String reply = imap.commandWithLiterals(List.of("RENAME ", " ", ""), List.of(utf8("Drafts2"), utf8("Brouillons")));
            assertThat(reply).as(reply).containsPattern("(?m)^c\\d+ OK");
            assertThat(continuations(reply)).isEqualTo(2);
            assertThat(imap.command("LIST \"\" Brouillons")).contains("Brouillons");
        }
    }

    @Test
    void aSynchronizingLiteralAfterANonSynchronizingOneIsAskedForOnce() throws Exception {
        try (ImapDialogue imap = dialogue()) {
            imap.write("c9 LOGIN {" + ALICE.length() + "+}\r\n" + ALICE + " {" + PASSWORD.length() + "}\r\n");
            String go = imap.readUntil("+");
            assertThat(go).isEqualTo("+ Ok\n");
            imap.write(PASSWORD + "\r\n");
            String reply = imap.readUntil("c9 ");
            assertThat(reply).as(reply).startsWith("c9 OK");
        }
    }
}
