package org.facteur.mailserver.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.facteur.mailserver.SmtpDialogue;
import org.facteur.mailserver.TestMailServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Password guessing over SMTP AUTH and IMAP LOGIN, through real sockets after STARTTLS. Every test uses its
 * own addresses and its own client IPs (127.0.0.x all reach the server), so the shared counters of the one
 * server do not mix. Only 127.0.0.1 is a trusted proxy here (it may forward a client address in IMAP ID).
 */
class LoginThrottlingIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(
            data -> TestMailServers.settings(data).withTrustedProxies(TrustedNetworks.parse("127.0.0.1/32")));
    static final String PASSWORD = "Corr3ct-horse";

    @BeforeAll
    static void members() {
        for (String user : new String[] {"smtp-target", "imap-target", "both-target", "typo", "id-target", "id-spoof",
                "sprayer", "sasl-target"}) {
            mail.server().admin().addUser(user + "@example.org", PASSWORD);
        }
    }

    static int submission() {
        return mail.settings().ports().submission();
    }

    static int imap() {
        return mail.settings().ports().imap();
    }

    /** One LOGIN on a new connection from {@code clientAddress}, after an ID naming {@code forwardedFor} if not null. */
    static String imapLogin(String clientAddress, String forwardedFor, String user, String password) throws Exception {
        try (ImapDialogue imap = new ImapDialogue(imap(), clientAddress)) {
            if (forwardedFor != null) {
                assertThat(imap.command("ID (\"x-originating-ip\" \"" + forwardedFor + "\")")).contains(" OK");
            }
            return imap.login(user, password);
        }
    }

    static SmtpDialogue smtpFrom(String clientAddress) throws Exception {
        SmtpDialogue smtp = new SmtpDialogue(submission(), clientAddress);
        smtp.greetAndEhlo();
        smtp.startTls();
        smtp.command("EHLO client.test");
        return smtp;
    }

    @Test
    void smtpAuthIsRefusedWithoutCheckingThePasswordAfterFiveFailuresWhileTheOwnerLogsInFromElsewhere() throws Exception {
        String target = "smtp-target@example.org";
        try (SmtpDialogue attacker = smtpFrom("127.0.0.3")) {
            for (int i = 0; i < 5; i++) {
                assertThat(attacker.authPlain(target, "guess-" + i)).startsWith("535 5.7.8 ");
            }
            // Locked: even the right password is refused, so the answer tells the attacker nothing.
            String locked = attacker.authPlain(target, PASSWORD);
            assertThat(locked).startsWith("454 4.7.0 ").containsIgnoringCase("try again later");
            assertThat(attacker.command("MAIL FROM:<" + target + ">") + attacker.command("RCPT TO:<x@elsewhere.test>"))
                    .as("the refused AUTH did not log in").contains("530");
        }
        try (SmtpDialogue owner = smtpFrom("127.0.0.4")) {
            assertThat(owner.authPlain(target, PASSWORD)).startsWith("235");
        }
    }

    @Test
    void imapLoginIsRefusedAfterFiveFailuresWithRfc5530CodesWhileTheOwnerLogsInFromElsewhere() throws Exception {
        String target = "imap-target@example.org";
        for (int i = 0; i < 5; i++) {
            // James closes a connection after three failures: one connection per guess, as a patient attacker would.
            assertThat(imapLogin("127.0.0.5", null, target, "guess-" + i)).startsWith("NO [AUTHENTICATIONFAILED] ");
        }
        try (ImapDialogue attacker = new ImapDialogue(imap(), "127.0.0.5")) {
            assertThat(attacker.login(target, PASSWORD)).startsWith("NO [UNAVAILABLE] ").containsIgnoringCase("try again later");
            assertThat(attacker.command("SELECT INBOX")).as("not logged in").doesNotContain(" OK ");
        }
        assertThat(imapLogin("127.0.0.6", null, target, PASSWORD)).startsWith("OK");
    }

    @Test
    void imapAuthenticatePlainIsThrottledLikeLogin() throws Exception {
        String target = "sasl-target@example.org";
        for (int i = 0; i < 5; i++) {
            try (ImapDialogue attacker = new ImapDialogue(imap(), "127.0.0.12")) {
                assertThat(attacker.authenticatePlain(target, "guess-" + i, i % 2 == 0)).startsWith("NO [AUTHENTICATIONFAILED]");
            }
        }
        try (ImapDialogue attacker = new ImapDialogue(imap(), "127.0.0.12")) {
            assertThat(attacker.authenticatePlain(target, PASSWORD, true)).startsWith("NO [UNAVAILABLE]");
            assertThat(attacker.authenticatePlain(target, PASSWORD, false)).startsWith("NO [UNAVAILABLE]");
        }
        try (ImapDialogue owner = new ImapDialogue(imap(), "127.0.0.13")) {
            assertThat(owner.authenticatePlain(target, PASSWORD, false)).startsWith("OK");
        }
    }

    @Test
    void failuresCountAcrossSmtpAndImap() throws Exception {
        String target = "both-target@example.org";
        try (SmtpDialogue smtp = smtpFrom("127.0.0.7")) {
            for (int i = 0; i < 3; i++) {
                assertThat(smtp.authPlain(target, "smtp-guess-" + i)).startsWith("535");
            }
        }
        try (ImapDialogue imap = new ImapDialogue(imap(), "127.0.0.7")) {
            assertThat(imap.login(target, "imap-guess-1")).startsWith("NO [AUTHENTICATIONFAILED]");
            assertThat(imap.login(target, "imap-guess-2")).startsWith("NO [AUTHENTICATIONFAILED]");
        }
        try (SmtpDialogue smtp = smtpFrom("127.0.0.7")) {
            assertThat(smtp.authPlain(target, PASSWORD)).startsWith("454 4.7.0");
        }
    }

    @Test
    void aSuccessfulLoginClearsTheCountOfItsAddressAndClient() throws Exception {
        String member = "typo@example.org";
        try (SmtpDialogue smtp = smtpFrom("127.0.0.8")) {
            for (int i = 0; i < 4; i++) {
                assertThat(smtp.authPlain(member, "typo-" + i)).startsWith("535");
            }
            assertThat(smtp.authPlain(member, PASSWORD)).startsWith("235");
        }
        try (SmtpDialogue smtp = smtpFrom("127.0.0.8")) {
            for (int i = 0; i < 4; i++) {
                assertThat(smtp.authPlain(member, "typo-again-" + i)).startsWith("535");
            }
            assertThat(smtp.authPlain(member, PASSWORD)).startsWith("235");
        }
    }

    @Test
    void sprayingOnePasswordOverManyAddressesFromOneClientIsRefused() throws Exception {
        try (SmtpDialogue smtp = smtpFrom("127.0.0.9")) {
            for (int i = 0; i < 20; i++) {
                assertThat(smtp.authPlain("member" + i + "@example.org", "Summer2026!")).as("guess %d", i).startsWith("535");
            }
            // The client, not the address, is now refused: even an address never tried before, even a right password.
            assertThat(smtp.authPlain("sprayer@example.org", PASSWORD)).startsWith("454 4.7.0");
        }
        assertThat(imapLogin("127.0.0.9", null, "sprayer@example.org", PASSWORD)).startsWith("NO [UNAVAILABLE]");
        try (SmtpDialogue elsewhere = smtpFrom("127.0.0.10")) {
            assertThat(elsewhere.authPlain("sprayer@example.org", PASSWORD)).startsWith("235");
        }
    }

    @Test
    void aTrustedProxyForwardsTheClientAddressWithImapIdAndOnlyThatAddressIsThrottled() throws Exception {
        String target = "id-target@example.org";
        // 127.0.0.1 is the webmail (or a trusted IMAP proxy): the attacker behind it is 203.0.113.50.
        for (int i = 0; i < 5; i++) {
            assertThat(imapLogin("127.0.0.1", "203.0.113.50", target, "guess-" + i)).startsWith("NO [AUTHENTICATIONFAILED]");
        }
        assertThat(imapLogin("127.0.0.1", "203.0.113.50", target, PASSWORD)).startsWith("NO [UNAVAILABLE]");
        // The owner, through the same proxy from her own address, is not locked out with the attacker.
        assertThat(imapLogin("127.0.0.1", "198.51.100.7", target, PASSWORD)).startsWith("OK");
    }

    @Test
    void anUntrustedClientCannotEscapeByClaimingAnotherAddressInImapId() throws Exception {
        String target = "id-spoof@example.org";
        for (int i = 0; i < 5; i++) {
            assertThat(imapLogin("127.0.0.11", "192.0.2." + (i + 1), target, "guess-" + i)).startsWith("NO [AUTHENTICATIONFAILED]");
        }
        assertThat(imapLogin("127.0.0.11", "192.0.2.99", target, PASSWORD)).startsWith("NO [UNAVAILABLE]");
    }
}
