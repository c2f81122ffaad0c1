package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.facteur.mailserver.ImapDialogue.base64;
import static org.facteur.mailserver.ImapDialogue.lastLineWithoutTag;
import static org.facteur.mailserver.MailServerExtension.ALICE;
import static org.facteur.mailserver.MailServerExtension.ALICE_PASSWORD;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.MailServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AUTHENTICATE LOGIN (draft-murchison-sasl-login, #15.14) for old clients whose only SASL mechanism it is: offered
 * and accepted after STARTTLS and on IMAPS, never in clear text; the password checked as PLAIN's, under the same
 * login policy. Through real sockets against the embedded server, by our own dialogue and by Jakarta Mail.
 */
class AuthenticateLoginIT {
    private static final String USERNAME_PROMPT = "+ VXNlcm5hbWU6";
    private static final String PASSWORD_PROMPT = "+ UGFzc3dvcmQ6";
    private static final String THROTTLE_TARGET = "login-target@example.org";

    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @BeforeAll
    static void members() {
        mail.server().admin().addUser(THROTTLE_TARGET, ALICE_PASSWORD);
    }

    private static int imap() {
        return mail.settings().ports().imap();
    }

    private static ImapDialogue overStarttls() throws Exception {
        return new ImapDialogue(imap(), "127.0.0.1");
    }

    @Test
    void authLoginIsAnnouncedWithAuthPlainOnlyOnceTheConnectionIsEncrypted() throws Exception {
        try (ImapDialogue clear = ImapDialogue.inClearText(imap())) {
            assertThat(clear.command("CAPABILITY")).contains("STARTTLS").doesNotContain("AUTH=LOGIN", "AUTH=PLAIN");
        }
        try (ImapDialogue starttls = overStarttls()) {
            assertThat(starttls.command("CAPABILITY")).contains(" AUTH=PLAIN", " AUTH=LOGIN");
        }
        try (ImapDialogue imaps = ImapDialogue.overImplicitTls(mail.settings().ports().imaps())) {
            assertThat(imaps.command("CAPABILITY")).contains(" AUTH=PLAIN", " AUTH=LOGIN");
        }
    }

    @Test
    void inClearTextAuthenticateLoginIsRefusedAsPlainIsWithoutAskingForAnything() throws Exception {
        try (ImapDialogue clear = ImapDialogue.inClearText(imap())) {
            String plain = clear.sasl("AUTHENTICATE PLAIN", base64("\0" + ALICE + "\0" + ALICE_PASSWORD));
            String login = clear.sasl("AUTHENTICATE LOGIN", base64(ALICE), base64(ALICE_PASSWORD));
            String withUser = clear.sasl("AUTHENTICATE LOGIN " + base64(ALICE), base64(ALICE_PASSWORD));
            assertThat(login).doesNotContain("+").startsWith("c2 NO ");
            assertThat(lastLineWithoutTag(login)).isEqualTo(lastLineWithoutTag(plain));
            assertThat(lastLineWithoutTag(withUser)).isEqualTo(lastLineWithoutTag(plain));
            assertThat(clear.command("SELECT INBOX")).as("not logged in").doesNotContain(" OK ");
        }
    }

    @Test
    void twoContinuationsLogInThenSelectAndPipelinedCommandsWork() throws Exception {
        try (ImapDialogue imap = overStarttls()) {
            String reply = imap.sasl("AUTHENTICATE LOGIN", base64(ALICE), base64(ALICE_PASSWORD));
            assertThat(reply).startsWith(USERNAME_PROMPT + "\n" + PASSWORD_PROMPT + "\n");
            assertThat(lastLineWithoutTag(reply)).startsWith("OK");
            assertThat(imap.command("SELECT INBOX")).contains(" OK [READ-WRITE]");
            assertThat(imap.pipelined("NOOP", "UID SEARCH ALL")).contains("* SEARCH");
        }
    }

    @Test
    void theUserMayComeAsInitialResponseOnImaps() throws Exception {
        try (ImapDialogue imap = ImapDialogue.overImplicitTls(mail.settings().ports().imaps())) {
            String reply = imap.sasl("AUTHENTICATE LOGIN " + base64(ALICE), base64(ALICE_PASSWORD));
            assertThat(reply).startsWith(PASSWORD_PROMPT + "\n").doesNotContain(USERNAME_PROMPT);
            assertThat(lastLineWithoutTag(reply)).startsWith("OK");
            assertThat(imap.command("SELECT INBOX")).contains(" OK [READ-WRITE]");
        }
    }

    @Test
    void aWrongPasswordIsNoAsWithPlainThenTheRightOneLogsIn() throws Exception {
        try (ImapDialogue imap = overStarttls()) {
            String wrong = imap.sasl("AUTHENTICATE LOGIN", base64(ALICE), base64("not-" + ALICE_PASSWORD));
            assertThat(lastLineWithoutTag(wrong)).startsWith("NO [AUTHENTICATIONFAILED]");
            assertThat(imap.command("SELECT INBOX")).as("not logged in").doesNotContain(" OK ");
            String right = imap.sasl("AUTHENTICATE LOGIN", base64(ALICE), base64(ALICE_PASSWORD));
            assertThat(lastLineWithoutTag(right)).startsWith("OK");
            assertThat(imap.command("SELECT INBOX")).contains(" OK [READ-WRITE]");
        }
    }

    @Test
    void aStarCancelsWithBadAtEitherPrompt() throws Exception {
        try (ImapDialogue imap = overStarttls()) {
            String atUser = imap.sasl("AUTHENTICATE LOGIN", "*");
            assertThat(atUser).startsWith(USERNAME_PROMPT + "\n");
            assertThat(lastLineWithoutTag(atUser)).startsWith("BAD ").contains("cancelled");
            String atPassword = imap.sasl("AUTHENTICATE LOGIN", base64(ALICE), "*");
            assertThat(atPassword).contains(PASSWORD_PROMPT);
            assertThat(lastLineWithoutTag(atPassword)).startsWith("BAD ").contains("cancelled");
            assertThat(lastLineWithoutTag(imap.command("NOOP"))).startsWith("OK");
            assertThat(imap.command("SELECT INBOX")).as("not logged in").doesNotContain(" OK ");
        }
    }

    @Test
    void answersThatAreNotBase64AreBadAndTheConnectionGoesOn() throws Exception {
        try (ImapDialogue imap = overStarttls()) {
            String user = imap.sasl("AUTHENTICATE LOGIN", "not base64!");
            assertThat(lastLineWithoutTag(user)).startsWith("BAD ").contains("not base64");
            assertThat(lastLineWithoutTag(imap.command("NOOP"))).startsWith("OK");
            String password = imap.sasl("AUTHENTICATE LOGIN", base64(ALICE), "%%%");
            assertThat(lastLineWithoutTag(password)).startsWith("BAD ").contains("not base64");
            String initial = imap.sasl("AUTHENTICATE LOGIN ###", base64(ALICE_PASSWORD));
            assertThat(initial).doesNotContain("+");
            assertThat(lastLineWithoutTag(initial)).startsWith("BAD ").contains("not base64");
            assertThat(lastLineWithoutTag(imap.command("NOOP"))).startsWith("OK");
            String right = imap.sasl("AUTHENTICATE LOGIN", base64(ALICE), base64(ALICE_PASSWORD));
            assertThat(lastLineWithoutTag(right)).startsWith("OK");
        }
    }

    @Test
    void guessesCountWithThoseOfPlainUnderTheSameLoginPolicy() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (ImapDialogue attacker = new ImapDialogue(imap(), "127.0.0.21")) {
                String guess = i % 2 == 0
                        ? attacker.sasl("AUTHENTICATE LOGIN", base64(THROTTLE_TARGET), base64("guess-" + i))
                        : attacker.sasl("AUTHENTICATE PLAIN", base64("\0" + THROTTLE_TARGET + "\0guess-" + i));
                assertThat(lastLineWithoutTag(guess)).startsWith("NO [AUTHENTICATIONFAILED]");
            }
        }
        try (ImapDialogue attacker = new ImapDialogue(imap(), "127.0.0.21")) {
            String locked = attacker.sasl("AUTHENTICATE LOGIN", base64(THROTTLE_TARGET), base64(ALICE_PASSWORD));
            assertThat(lastLineWithoutTag(locked)).startsWith("NO [UNAVAILABLE]");
        }
        try (ImapDialogue owner = new ImapDialogue(imap(), "127.0.0.22")) {
            String login = owner.sasl("AUTHENTICATE LOGIN " + base64(THROTTLE_TARGET), base64(ALICE_PASSWORD));
            assertThat(lastLineWithoutTag(login)).startsWith("OK");
        }
    }

    /**
     * A prompt written from the event loop was sometimes sent twice (James flushes the same reply buffer again when
     * the command's processing ends), and Angus Mail, answering the copy, had its password read as a command ({@code
     * * BYE Unknown command.}): about one login in twenty before the fix.
     */
    @Test
    void jakartaMailLogsInFortyTimesInARowEachPromptSentOnce() throws Exception {
        for (int i = 0; i < 40; i++) {
            boolean imaps = i % 2 == 0;
            assertJakartaMailListsInboxWithLogin(imaps ? "imaps" : "imap", imaps ? mail.settings().ports().imaps() : imap());
        }
    }

    @Test
    void jakartaMailLogsInWithOnlyLoginAllowedOnImaps() throws Exception {
        assertJakartaMailListsInboxWithLogin("imaps", mail.settings().ports().imaps());
    }

    @Test
    void jakartaMailLogsInWithOnlyLoginAllowedAfterStarttls() throws Exception {
        assertJakartaMailListsInboxWithLogin("imap", imap());
    }

    /**
     * Angus Mail falls back to the LOGIN command when the server does not announce the mechanism: its transcript
     * (passwords shown) tells which was used.
     */
    private static void assertJakartaMailListsInboxWithLogin(String protocol, int port) throws Exception {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", "127.0.0.1");
        p.put(prefix + "port", Integer.toString(port));
        p.put(prefix + "ssl.trust", "*");
        p.put(prefix + "timeout", "20000");
        p.put(prefix + "auth.mechanisms", "LOGIN");
        p.put(prefix + "auth.plain.disable", "true");
        if (protocol.equals("imap")) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        p.put("mail.debug.auth", "true");
        Session session = Session.getInstance(p);
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        session.setDebugOut(new PrintStream(transcript, true, StandardCharsets.UTF_8));
        session.setDebug(true);
        try (Store store = session.getStore(protocol)) {
            store.connect(ALICE, ALICE_PASSWORD);
            Folder[] folders = store.getDefaultFolder().list();
            assertThat(Arrays.stream(folders).map(Folder::getName)).contains("INBOX");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isGreaterThanOrEqualTo(0);
            inbox.close(false);
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(transcript.toString(StandardCharsets.UTF_8), e);
        }
        String seen = transcript.toString(StandardCharsets.UTF_8);
        assertThat(seen).contains("AUTHENTICATE LOGIN", USERNAME_PROMPT, PASSWORD_PROMPT).doesNotContain(" LOGIN " + ALICE);
        assertThat(seen.split(USERNAME_PROMPT.replace("+", "\\+"), -1)).as(seen).hasSize(2);
    }
}
