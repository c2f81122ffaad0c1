package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.facteur.lists.model.Preset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On the submission ports the envelope sender, the header From (every address in it) and Sender must be addresses
 * the login owns: its own, an alias that delivers to it, or a list it owns. The envelope is refused at MAIL FROM with
 * {@code 553 5.7.1} (as Postfix's {@code reject_sender_login_mismatch}), the header at the end of DATA with
 * {@code 550 5.7.1}; each answer names the login and the address.
 */
class SubmissionSenderIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    private static final String BOB = "bob@example.org";
    private static final String BOB_PASSWORD = "An0ther-pass";

    @BeforeAll
    static void addressesAliceOwnsAndOnesSheDoesNot() {
        mail.server().admin().addUser(BOB, BOB_PASSWORD);
        mail.server().admin().addAlias("contact@example.org", MailServerExtension.ALICE);
        mail.server().admin().addAlias("board@example.org", MailServerExtension.ALICE);
        mail.server().admin().addAlias("board@example.org", BOB);
        mail.server().admin().addAlias("treasurer@example.org", BOB);
        mail.server().lists().create("news@example.org", Preset.NEWSLETTER, Locale.ENGLISH, MailServerExtension.ALICE, false, List.of());
        mail.server().lists().create("bobs@example.org", Preset.DISCUSSION, Locale.ENGLISH, BOB, false, List.of());
    }

    @Test
    void anotherLocalUsersAddressIsRefusedWithASentenceNamingIt() throws Exception {
        String answer = submit("From: Bob <bob@example.org>\r\nTo: bob@example.org\r\nSubject: forged local\r\n", BOB);
        assertThat(answer).startsWith("550 5.7.1 ").contains("bob@example.org").contains("alice@example.org");
        submit("From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: genuine local\r\n", BOB);
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.client().subjects(BOB, BOB_PASSWORD, "INBOX").contains("genuine local"));
        assertThat(mail.client().subjects(BOB, BOB_PASSWORD, "INBOX")).doesNotContain("forged local");
    }

    @Test
    void aForgedAddressSentOutsideIsRefused() throws Exception {
        assertThat(submit("From: \"Bank\" <ceo@example.org>\r\nTo: victim@elsewhere.test\r\nSubject: urgent\r\n",
                "victim@elsewhere.test")).startsWith("550 5.7.1 ").contains("ceo@example.org");
        assertThat(submit("From: ceo@bank.test\r\nTo: victim@elsewhere.test\r\nSubject: urgent\r\n",
                "victim@elsewhere.test")).startsWith("550 5.7.1 ").contains("ceo@bank.test");
    }

    @Test
    void everyAddressOfFromAndTheSenderFieldAreChecked() throws Exception {
        assertThat(submit("From: alice@example.org, Bob <bob@example.org>\r\nSubject: two authors\r\n", BOB))
                .startsWith("550 5.7.1 ").contains("bob@example.org");
        assertThat(submit("From: Alice <alice@example.org>\r\nSender: bob@example.org\r\nSubject: on behalf\r\n", BOB))
                .startsWith("550 5.7.1 ").contains("bob@example.org");
        assertThat(submit("From: Bank: ceo@bank.test, cfo@bank.test;\r\nSubject: group\r\n", BOB))
                .startsWith("550 5.7.1 ").contains("ceo@bank.test");
        assertThat(submit("From: <alice@example.org\r\nSubject: unreadable\r\n", BOB)).startsWith("550 5.7.1 ");
    }

    @Test
    void aliasesThatDeliverToTheLoginAndListsItOwnsAreAccepted() throws Exception {
        assertThat(submit("From: Contact <CONTACT@example.org>\r\nSubject: as contact\r\n", BOB)).startsWith("250");
        assertThat(submit("From: The board <board@example.org>\r\nSubject: as the board\r\n", BOB)).startsWith("250");
        assertThat(submit("From: News <news@example.org>\r\nSender: alice@example.org\r\nSubject: as news\r\n", BOB))
                .startsWith("250");
        assertThat(submit("From: Alice <alice@example.org>\r\nReply-To: bob@example.org\r\nSubject: own\r\n", BOB))
                .startsWith("250");
        assertThat(submit("Subject: no from at all\r\n", BOB)).startsWith("250");
    }

    @Test
    void someoneElsesAliasOrListIsRefused() throws Exception {
        assertThat(submit("From: treasurer@example.org\r\nSubject: as treasurer\r\n", BOB))
                .startsWith("550 5.7.1 ").contains("treasurer@example.org");
        assertThat(submit("From: bobs@example.org\r\nSubject: as bob's list\r\n", BOB))
                .startsWith("550 5.7.1 ").contains("bobs@example.org");
    }

    @Test
    void anotherUsersAddressAsEnvelopeSenderIsRefusedAndTheSessionGoesOn() throws Exception {
        try (SmtpDialogue smtp = loggedInAsAlice()) {
            assertThat(smtp.command("MAIL FROM:<bob@example.org>").strip())
                    .isEqualTo("553 5.7.1 You are logged in as alice@example.org and may not send as bob@example.org:"
                            + " use your own address, one of your aliases or a list you own");
            assertThat(smtp.command("MAIL FROM:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + BOB + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("From: alice@example.org\r\nSubject: after a refused sender\r\n\r\nbody\r\n.")).startsWith("250");
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mail.client().subjects(BOB, BOB_PASSWORD, "INBOX").contains("after a refused sender"));
    }

    @Test
    void aliasesThatDeliverToTheLoginAndListsItOwnsAreAcceptedAsEnvelopeSender() throws Exception {
        for (String sender : List.of("contact@example.org", "CONTACT@Example.org", "board@example.org", "news@example.org")) {
            try (SmtpDialogue smtp = loggedInAsAlice()) {
                assertThat(smtp.command("MAIL FROM:<" + sender + ">")).as(sender).startsWith("250");
                assertThat(smtp.command("RCPT TO:<" + BOB + ">")).as(sender).startsWith("250");
            }
        }
    }

    @Test
    void someoneElsesAliasOrListOrAForeignAddressAreRefusedAsEnvelopeSender() throws Exception {
        try (SmtpDialogue smtp = loggedInAsAlice()) {
            String reply = smtp.command("MAIL FROM:<" + "x".repeat(3000) + "@example.org>");
            assertThat(reply).as("a long address is cut in the reply (RFC 5321: 512 octets a line)")
                    .startsWith("553 5.7.1 You are logged in as alice@example.org and may not send as " + "x".repeat(100)
                            + "...: use your own address").hasSizeLessThan(512);
        }
        for (String sender : List.of("treasurer@example.org", "bobs@example.org", "ceo@bank.test")) {
            try (SmtpDialogue smtp = loggedInAsAlice()) {
                assertThat(smtp.command("MAIL FROM:<" + sender + ">")).as(sender)
                        .startsWith("553 5.7.1 You are logged in as alice@example.org and may not send as " + sender + ":");
            }
        }
    }

    @Test
    void theEmptySenderOfAReadReceiptIsAcceptedAndItsHeaderStillChecked() throws Exception {
        try (SmtpDialogue smtp = loggedInAsAlice()) {
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + BOB + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("From: bob@example.org\r\nSubject: forged receipt\r\n\r\nbody\r\n."))
                    .startsWith("550 5.7.1 ").contains("bob@example.org");
            assertThat(smtp.command("MAIL FROM:<>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + BOB + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("From: alice@example.org\r\nSubject: Read: hello\r\nContent-Type: multipart/report;"
                    + " report-type=disposition-notification; boundary=b\r\n\r\n--b\r\n\r\nread\r\n--b--\r\n."))
                    .startsWith("250");
        }
    }

    @Test
    void aSenderGivenBeforeTheLoginIsCheckedAtEachRecipient() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mail.settings().ports().submission())) {
            smtp.greetAndEhlo();
            smtp.startTls();
            smtp.command("EHLO client.test");
            assertThat(smtp.command("MAIL FROM:<bob@example.org>")).startsWith("250");
            assertThat(smtp.authPlain(MailServerExtension.ALICE, MailServerExtension.ALICE_PASSWORD)).startsWith("235");
            // also for the recipients other hooks accept first: a list, postmaster
            for (String rcpt : List.of(BOB, "news@example.org", "postmaster@example.org")) {
                assertThat(smtp.command("RCPT TO:<" + rcpt + ">")).as(rcpt)
                        .startsWith("553 5.7.1 You are logged in as alice@example.org and may not send as bob@example.org:");
            }
        }
    }

    /** A submission session over STARTTLS, logged in as Alice. */
    private static SmtpDialogue loggedInAsAlice() throws Exception {
        return SmtpDialogue.loggedIn(mail.settings().ports().submission(), MailServerExtension.ALICE,
                MailServerExtension.ALICE_PASSWORD);
    }

    /** Alice submits a message with these header lines to {@code rcpt}; returns the answer to the end of DATA. */
    private static String submit(String headers, String rcpt) throws Exception {
        try (SmtpDialogue smtp = loggedInAsAlice()) {
            assertThat(smtp.command("MAIL FROM:<alice@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            return smtp.command(headers + "\r\nbody\r\n.");
        }
    }
}
