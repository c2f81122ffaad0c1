package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.facteur.mailserver.admin.AdminException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Quotas refuse with 552 during SMTP (or bounce with a DSN), aliases deliver, admin errors are clear. */
class QuotaAndAliasIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @BeforeAll
    static void moreMailboxes() {
        mail.server().admin().addUser("bob@example.org", "An0ther-pass");
        mail.server().admin().addUser("carol@example.org", "Th1rd-pass!");
    }

    @Test
    void aMessageLargerThanTheRemainingQuotaIsRefusedWith552() throws Exception {
        mail.server().admin().addUser("erin@example.org", "F1fth-pass");
        mail.server().admin().setQuota("erin@example.org", Optional.of(4_000L), Optional.empty());
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            smtp.command("MAIL FROM:<sender@remote.test>");
            assertThat(smtp.command("RCPT TO:<erin@example.org>")).startsWith("250");
            smtp.command("DATA");
            smtp.send("Subject: too big\r\n\r\n" + "x".repeat(8_000) + "\r\n.\r\n");
            assertThat(smtp.reply()).startsWith("552").contains("5.2.2");
        }
        assertThat(mail.client().count("erin@example.org", "F1fth-pass", "INBOX")).isZero();
    }

    @Test
    void aFullMailboxIsRefusedAtRcpt() throws Exception {
        mail.client().submit("alice@example.org", "S3cret-pass",
                mail.client().message("alice@example.org", "carol@example.org", "fills", "x".repeat(3_000)));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.client().count("carol@example.org", "Th1rd-pass!", "INBOX") == 1);
        mail.server().admin().setQuota("carol@example.org", Optional.of(1_000L), Optional.empty());
        assertThat(mail.server().admin().quota("carol@example.org").storageUsed()).isGreaterThan(1_000L);
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            smtp.command("MAIL FROM:<sender@remote.test>");
            assertThat(smtp.command("RCPT TO:<carol@example.org>")).startsWith("552").contains("5.2.2");
        }
        mail.server().admin().setQuota("carol@example.org", Optional.empty(), Optional.empty());
    }

    @Test
    void mailToAnAliasOfAFullMailboxBouncesWithADsnInsteadOfVanishing() throws Exception {
        mail.server().admin().addUser("dave@example.org", "F0urth-pass");
        mail.server().admin().addAlias("board@example.org", "dave@example.org");
        mail.server().admin().setQuota("dave@example.org", Optional.of(0L), Optional.empty());
        mail.client().submit("alice@example.org", "S3cret-pass",
                mail.client().message("alice@example.org", "board@example.org", "To the board", "Agenda attached"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(MessagingException.class)
                .until(() -> mail.client().report("alice@example.org", "S3cret-pass", "To the board").isPresent());
        assertThat(mail.client().count("dave@example.org", "F0urth-pass", "INBOX")).isZero();
    }

    @Test
    void aliasesDeliverToTheirTarget() throws Exception {
        mail.server().admin().addAlias("info@example.org", "bob@example.org");
        int before = mail.client().count("bob@example.org", "An0ther-pass", "INBOX");
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().smtp())) {
            smtp.greetAndEhlo();
            smtp.command("MAIL FROM:<friend@remote.test>");
            assertThat(smtp.command("RCPT TO:<info@example.org>")).startsWith("250");
            smtp.command("DATA");
            smtp.send("Subject: for info\r\n\r\nhello info\r\n.\r\n");
            assertThat(smtp.reply()).startsWith("250");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.client().count("bob@example.org", "An0ther-pass", "INBOX") == before + 1);
        assertThat(mail.server().admin().listAliases()).containsEntry("info@example.org", java.util.List.of("bob@example.org"));
        mail.server().admin().removeAlias("info@example.org", null);
        assertThat(mail.server().admin().listAliases()).doesNotContainKey("info@example.org");
    }

    @Test
    void newMailboxesHaveTheStandardFoldersWithSpecialUse() throws Exception {
        try (Store store = mail.client().imap("alice@example.org", "S3cret-pass")) {
            java.util.List<String> names = new java.util.ArrayList<>();
            for (Folder f : store.getDefaultFolder().list("*")) {
                names.add(f.getFullName());
            }
            assertThat(names).contains("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
            org.eclipse.angus.mail.imap.IMAPFolder inbox = (org.eclipse.angus.mail.imap.IMAPFolder) store.getFolder("INBOX");
            Object listing = inbox.doCommand(protocol -> java.util.Arrays.stream(
                    protocol.command("LIST \"\" \"*\" RETURN (SPECIAL-USE)", null))
                    .map(Object::toString).collect(java.util.stream.Collectors.joining("\n")));
            assertThat((String) listing).contains("\\Junk) \".\" \"Junk\"", "\\Sent) \".\" \"Sent\"",
                    "\\Drafts) \".\" \"Drafts\"", "\\Trash) \".\" \"Trash\"", "\\Archive) \".\" \"Archive\"");
        }
    }

    @Test
    void adminRefusalsAreClearSentences() {
        assertThat(refusal(() -> mail.server().admin().addUser("alice@example.org", "S3cret-pass2")))
                .isEqualTo("User alice@example.org already exists.");
        assertThat(refusal(() -> mail.server().admin().addUser("x@unknown.org", "S3cret-pass2")))
                .startsWith("Unknown domain unknown.org");
        assertThat(refusal(() -> mail.server().admin().addUser("eve@example.org", "password")))
                .startsWith("Password too weak");
        assertThat(refusal(() -> mail.server().admin().addDomain("example.org")))
                .isEqualTo("Domain example.org already exists.");
        assertThat(refusal(() -> mail.server().admin().removeDomain("example.org")))
                .contains("still has");
        assertThat(refusal(() -> mail.server().admin().addDomain("not a domain")))
                .contains("not a valid domain name");
    }

    private static String refusal(Runnable action) {
        try {
            action.run();
        } catch (AdminException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal");
    }
}
