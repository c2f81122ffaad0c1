package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A command the server refuses (not allowed in the session's state, a syntax error, an unknown name) is read to its
 * end before the next one: the bytes of a non-synchronizing literal it announced ({@code {N+}}, RFC 7888) are the
 * literal, never commands; a synchronizing literal it announced is not asked for, and what the client sends next is
 * its next command, checked and sequenced like any other. James 3.8.1 ran such a literal's lines as commands (a
 * mailbox was created from the text of a SEARCH sent before SELECT).
 */
class RefusedCommandLiteralsIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static String literalPlus(String literal) {
        return "{" + literal.getBytes(StandardCharsets.UTF_8).length + "+}\r\n" + literal;
    }

    private static String mailboxes(ImapDialogue imap) throws Exception {
        return imap.command("LIST \"\" *");
    }

    @Test
    void theLiteralOfACommandRefusedForTheSessionsStateIsReadNotRun() throws Exception {
        try (ImapDialogue imap = mail.aliceOverImap()) {
            String tag = imap.nextTag();
            imap.write(tag + " SEARCH TEXT " + literalPlus("w1 CREATE InjectedByState\r\n") + "\r\n");
            assertThat(imap.readUntil(tag + " ")).as("SEARCH before SELECT")
                    .containsPattern("(?m)^" + tag + " NO SEARCH failed. Command not valid in this state")
                    .doesNotContain("w1 ");

            String next = imap.command("NOOP");
            assertThat(next).as("nothing else was answered in between").doesNotContain("w1 ", "BAD")
                    .containsPattern("(?m)^c\\d+ OK NOOP");
            assertThat(mailboxes(imap)).doesNotContain("InjectedByState");
        }
    }

    @Test
    void theLiteralsOfACommandWithASyntaxErrorOrAnUnknownNameAreReadNotRun() throws Exception {
        try (ImapDialogue imap = mail.aliceOverImap()) {
            assertThat(imap.command("SELECT INBOX")).containsPattern("(?m)^c\\d+ OK");

            String syntax = imap.nextTag();
            imap.write(syntax + " SEARCH BOGUS " + literalPlus("w2 CREATE InjectedBySyntax\r\n")
                    + " TEXT " + literalPlus("w3 CREATE InjectedBySecondLiteral\r\n") + "\r\n");
            assertThat(imap.readUntil(syntax + " ")).containsPattern("(?m)^" + syntax + " BAD").doesNotContain("w2 ");

            String unknown = imap.nextTag();
            imap.write(unknown + " FROBNICATE " + literalPlus("w4 CREATE InjectedByUnknown\r\n") + "\r\n");
            assertThat(imap.readUntil(unknown + " ")).containsPattern("(?m)^" + unknown + " BAD").doesNotContain("w4 ");

            assertThat(imap.command("NOOP")).doesNotContain("w3 ", "w4 ").containsPattern("(?m)^c\\d+ OK NOOP");
            assertThat(mailboxes(imap)).doesNotContain("Injected");
        }
    }

    @Test
    void aRefusedCommandWhoseLiteralComesInPiecesIsAnsweredOnceAndItsLiteralDropped() throws Exception {
        try (ImapDialogue imap = mail.aliceOverImap()) {
            String tag = imap.nextTag();
            String literal = "w5 CREATE InjectedInPieces\r\nw6 DELETE INBOX\r\n";
            String command = tag + " SEARCH TEXT " + literalPlus(literal) + "\r\n";
            int cut = command.indexOf("CREATE") + 3;
            imap.write(command.substring(0, cut));
            Thread.sleep(300);
            imap.write(command.substring(cut, command.length() - 4));
            Thread.sleep(300);
            imap.write(command.substring(command.length() - 4));

            assertThat(imap.readUntil(tag + " ")).containsPattern("(?m)^" + tag + " NO");
            String next = imap.command("NOOP");
            assertThat(next).as("one answer for the refused command, none for pieces of its literal")
                    .doesNotContain(tag + " ", "w5 ", "w6 ", "BAD").containsPattern("(?m)^c\\d+ OK NOOP");
            assertThat(mailboxes(imap)).doesNotContain("Injected");
        }
    }

    @Test
    void aSynchronizingLiteralOfARefusedCommandIsNotAskedForAndTheNextCommandIsCheckedAsAnyOther() throws Exception {
        try (ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1", Duration.ofSeconds(10))) {
            String refused = imap.nextTag();
            imap.write(refused + " SELECT {40}\r\n");
            assertThat(imap.readUntil(refused + " ")).as("SELECT before LOGIN: refused without a continuation")
                    .doesNotContain("+ ").containsPattern("(?m)^" + refused + " NO");

            String tooBig = imap.nextTag();
            imap.write(tooBig + " LOGIN {999999999}\r\n");
            assertThat(imap.readUntil(tooBig + " ")).as("the next command's literal is checked, not taken for the first's")
                    .doesNotContain("+ ").containsPattern("(?m)^" + tooBig + " NO \\[TOOBIG]");
        }
    }

    @Test
    void commandsPipelinedAfterARefusedSynchronizingLiteralStillRunOneAtATime() throws Exception {
        try (ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1", Duration.ofSeconds(10))) {
            String login = imap.nextTag();
            String loginLine = login + " LOGIN " + MailServerExtension.ALICE + " " + MailServerExtension.ALICE_PASSWORD
                    + "\r\n";
            String refused = imap.nextTag();
            imap.write(refused + " SELECT {" + (loginLine.length() + 4) + "}\r\n");
            assertThat(imap.readUntil(refused + " ")).containsPattern("(?m)^" + refused + " NO");

            String select = imap.nextTag();
            imap.write(loginLine + select + " SELECT INBOX\r\n");
            String answers = imap.readUntil(select + " ");
            assertThat(answers).containsPattern("(?m)^" + login + " OK")
                    .as("SELECT waited for the LOGIN before it").containsPattern("(?m)^" + select + " OK \\[READ-WRITE]");
        }
    }

    @Test
    void literalsOfARefusedCommandOverSeveralReadsAreReadAgainFromItsStartAndNeverRun() throws Exception {
        try (ImapDialogue imap = mail.aliceOverImap()) {
            assertThat(imap.command("SELECT INBOX")).containsPattern("(?m)^c\\d+ OK");
            String tag = imap.nextTag();
            String text = "w7 CREATE InjectedAfterRetry\r\n";
            imap.write(tag + " SEARCH TEXT {" + text.length() + "}\r\n");
            assertThat(imap.readUntil("+")).startsWith("+");
            imap.write(text + " X-BOGUS {3+}\r\n");
            Thread.sleep(300);
            imap.write("abc TEXT {4+}\r\n");
            Thread.sleep(300);
            imap.write("abcd\r\n");

            assertThat(imap.readUntil(tag + " ")).containsPattern("(?m)^" + tag + " BAD").doesNotContain("w7 ");
            assertThat(imap.command("NOOP")).doesNotContain("w7 ", "BAD").containsPattern("(?m)^c\\d+ OK NOOP");
            assertThat(mailboxes(imap)).doesNotContain("Injected");
        }
    }

    @Test
    void aRefusedCommandWithALiteralTooLargeToReadPastEndsTheSessionWithBye() throws Exception {
        try (ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1", Duration.ofSeconds(10))) {
            imap.write("a1 SELECT {70000+}\r\n" + "x".repeat(1000));
            assertThat(imap.readUntil("* BYE")).as("SELECT before LOGIN")
                    .contains("* BYE The command was refused, and it is too large to read past");
            assertThat(imap.readUntil("a1 ")).isEqualTo("(closed)");
        }
        try (ImapDialogue next = mail.aliceOverImap()) {
            assertThat(next.command("NOOP")).containsPattern("(?m)^c\\d+ OK NOOP");
        }
    }

    @Test
    void aRefusedCommandWhoseLineNeverEndsEndsTheSessionWithBye() throws Exception {
        try (ImapDialogue imap = new ImapDialogue(mail.settings().ports().imap(), "127.0.0.1", Duration.ofSeconds(10))) {
            imap.write("a1 SELECT {1+}\r\nx " + "y".repeat(100 * 1024));
            assertThat(imap.readUntil("* BYE")).as("SELECT before LOGIN, then a line of 100 KiB")
                    .contains("* BYE The command was refused, and it is too large to read past");
            assertThat(imap.readUntil("a1 ")).isEqualTo("(closed)");
        }
    }

    @Test
    void aLargeSynchronizingLiteralOfARefusedAppendIsNotAskedForAndTheRefusalCarriesItsTag() throws Exception {
        try (ImapDialogue imap = mail.aliceOverImap()) {
            String append = imap.nextTag();
            imap.write(append + " APPEND \"&x\" {2000000}\r\n");
            assertThat(imap.readUntil(append + " ")).as("a name that is not modified UTF-7, 2 MB announced")
                    .doesNotContain("+ ").containsPattern("(?m)^" + append + " NO APPEND failed\\. The mailbox name is not valid");
            assertThat(imap.command("NOOP")).containsPattern("(?m)^c\\d+ OK NOOP");
        }
    }
}
