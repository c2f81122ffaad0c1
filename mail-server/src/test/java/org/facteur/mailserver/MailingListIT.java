package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mailing lists black-box: mail in over SMTP (MX and submission), mail out to local mailboxes (read over IMAP)
 * and to remote members caught by GreenMail playing remote.test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailingListIT {
    private static final String PASS = "S3cret-pass";
    @TempDir
    static Path data;
    static GreenMail remote;
    static MailServerSettings settings;
    static FacteurMailServer server;
    static MailClient client;

    @BeforeAll
    static void start() throws Exception {
        remote = new GreenMail(new ServerSetup(TestMailServers.freePort(), "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        remote.start();
        settings = TestMailServers.settings(data, List.of(new MailServerSettings.Route("remote.test",
                new MailServerSettings.HostPort("127.0.0.1", remote.getSmtp().getPort()))));
        server = FacteurMailServer.start(settings);
        server.admin().addDomain("example.org");
        for (String user : List.of("alice", "bob", "mod1", "dan")) {
            server.admin().addUser(user + "@example.org", PASS);
        }
        client = new MailClient(settings.ports());
        server.lists().create("team@example.org", Preset.DISCUSSION, Locale.ENGLISH, "alice@example.org", false,
                List.of("mod1@example.org", "mod2@remote.test"));
        server.lists().addMember("team@example.org", "bob@example.org", "Bob", Role.SUBSCRIBER);
        server.lists().addMember("team@example.org", "carol@remote.test", "Carol", Role.SUBSCRIBER);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        remote.stop();
    }

    @Test
    @Order(1)
    void doubleOptInOverSmtpByReplyingToTheConfirmation() throws Exception {
        client.submit("dan@example.org", PASS, client.message("dan@example.org", "lists@example.org", "subscribe", "SUB team Dan"));
        MimeMessage confirmation = awaitLocal("dan@example.org", "CONFIRM ");
        String key = group(confirmation.getSubject(), "CONFIRM ([a-z2-7]{25})");
        assertThat(((InternetAddress) confirmation.getReplyTo()[0]).getAddress()).isEqualTo("team-request@example.org");
        assertThat(server.lists().members("team@example.org")).noneMatch(m -> m.address().equals("dan@example.org"));

        MimeMessage reply = client.message("dan@example.org", "team-request@example.org", "Re: " + confirmation.getSubject(),
                "\n> " + text(confirmation).replace("\n", "\n> "));
        client.submit("dan@example.org", PASS, reply);
        awaitLocal("dan@example.org", "Welcome to team");
        assertThat(server.lists().members("team@example.org")).anyMatch(m -> m.address().equals("dan@example.org") && m.name().equals("Dan"));

        client.submit("dan@example.org", PASS, client.message("dan@example.org", "lists@example.org", "CONFIRM " + key, ""));
        assertThat(text(awaitLocal("dan@example.org", "Re: CONFIRM"))).contains("already handled by dan@example.org");
        server.lists().removeMember("team@example.org", "dan@example.org");
    }

    @Test
    @Order(2)
    void aNonMemberPostIsHeldThenDistributedOnceWithListHeaders() throws Exception {
        int bobBefore = client.count("bob@example.org", PASS, "INBOX");
        MimeMessage post = client.message("Xavier <x@remote.test>", "team@example.org", "Re: [team] Re: [team] Agenda", "Shall we meet?");
        post.setHeader("DKIM-Signature", "v=1; a=rsa-sha256; d=remote.test; s=sel; b=AAAA");
        client.deliver(post);

        MimeMessage notice = awaitRemote("x@remote.test", "awaits approval");
        assertThat(text(notice)).contains("CANCEL team ");
        MimeMessage toMod1 = awaitLocal("mod1@example.org", "To moderate");
        MimeMessage toMod2 = awaitRemote("mod2@remote.test", "To moderate");
        String key = group(text(toMod1), "DISTRIBUTE team ([a-z2-7]{25})");
        assertThat(text(toMod2)).contains("DISTRIBUTE team " + key).contains("REJECT team " + key)
                .contains("mailto:team-request@example.org?subject=DISTRIBUTE%20team%20" + key);
        assertThat(client.count("bob@example.org", PASS, "INBOX")).isEqualTo(bobBefore);
        assertThat(remoteMessagesTo("carol@remote.test")).isEmpty();

        // A forged moderator From without the key does nothing.
        client.deliver(client.message("mod1@example.org", "team-request@example.org", "forged attempt", "DISTRIBUTE team aaaaaaaaaaaaaaaaaaaaaaaaa"));
        assertThat(text(awaitLocal("mod1@example.org", "Re: forged attempt"))).contains("No held message");
        assertThat(client.count("bob@example.org", PASS, "INBOX")).isEqualTo(bobBefore);

        // mod1 answers the notice with a plain reply holding the line.
        MimeMessage answer = client.message("mod1@example.org", "team-request@example.org", "Re: " + toMod1.getSubject(),
                "DISTRIBUTE team " + key + "\n\n> " + text(toMod1).replace("\n", "\n> "));
        client.submit("mod1@example.org", PASS, answer);

        MimeMessage copy = awaitLocal("bob@example.org", "[team] Re: Agenda");
        assertThat(copy.getSubject()).isEqualTo("[team] Re: Agenda");
        assertThat(copy.getHeader("List-Id")).containsExactly("team <team.example.org>");
        assertThat(copy.getHeader("List-Unsubscribe")).containsExactly("<mailto:team-unsubscribe@example.org>");
        assertThat(copy.getHeader("List-Subscribe")).containsExactly("<mailto:team-subscribe@example.org>");
        assertThat(copy.getHeader("List-Post")).containsExactly("<mailto:team@example.org>");
        assertThat(copy.getHeader("List-Help")).containsExactly("<mailto:team-request@example.org?subject=help>");
        assertThat(copy.getHeader("List-Owner")).containsExactly("<mailto:team-owner@example.org>");
        assertThat(copy.getHeader("Precedence")).containsExactly("list");
        assertThat(copy.getHeader("X-Loop")).containsExactly("team@example.org");
        assertThat(copy.getHeader("DKIM-Signature")).isNull();
        // bob's own copy leaves from his VERP address; a bounce to it is accepted and reaches the owner
        String verp = group(copy.getHeader("Return-Path")[0], "^<(team-owner\\+[a-z2-7]{26}@example\\.org)>$");
        client.deliver(client.message("MAILER-DAEMON@remote.test", verp, "Undelivered Mail Returned to Sender", "550 5.1.1 bob"));
        awaitLocal("alice@example.org", "Undelivered Mail Returned to Sender");
        String body = text(copy);
        assertThat(body).contains("Shall we meet?");
        assertThat(occurrences(body, "Unsubscribe: mailto:team-unsubscribe@example.org")).isEqualTo(1);
        MimeMessage remoteCopy = awaitRemote("carol@remote.test", "[team] Re: Agenda");
        assertThat(remoteCopy.getHeader("List-Id")).containsExactly("team <team.example.org>");
        assertThat(text(awaitRemote("mod2@remote.test", "Already decided"))).contains("mod1@example.org distributed");

        // A second decision is refused with who decided first.
        remote.purgeEmailFromAllMailboxes();
        client.deliver(client.message("mod2@remote.test", "team-request@example.org", "late decision", "DISTRIBUTE team " + key));
        assertThat(text(awaitRemote("mod2@remote.test", "Re: late decision"))).contains("already handled: distributed by mod1@example.org");
        Thread.sleep(2000);
        assertThat(client.subjects("bob@example.org", PASS, "INBOX")).filteredOn(s -> s.equals("[team] Re: Agenda")).hasSize(1);
        assertThat(remoteMessagesTo("carol@remote.test")).isEmpty();
    }

    @Test
    @Order(3)
    void aRejectionReasonReachesThePoster() throws Exception {
        client.deliver(client.message("spammer@remote.test", "team@example.org", "Cheap watches", "buy"));
        MimeMessage toMod1 = awaitLocal("mod1@example.org", "To moderate: Cheap watches");
        String key = group(text(toMod1), "REJECT team ([a-z2-7]{25})");
        client.submit("mod1@example.org", PASS, client.message("mod1@example.org", "team-request@example.org", "",
                "REJECT team " + key + " Advertising is not welcome"));
        assertThat(text(awaitRemote("spammer@remote.test", "was not distributed"))).contains("Reason: Advertising is not welcome");
    }

    @Test
    @Order(4)
    void aNewsletterRefusesAMemberAndPublishesTheLoggedInOwner() throws Exception {
        server.lists().create("news@example.org", Preset.NEWSLETTER, Locale.ENGLISH, "alice@example.org", false, List.of());
        server.lists().addMember("news@example.org", "bob@example.org", "", Role.SUBSCRIBER);
        server.lists().addMember("news@example.org", "carol@remote.test", "", Role.SUBSCRIBER);
        client.submit("bob@example.org", PASS, client.message("bob@example.org", "news@example.org", "Can I post?", "hi"));
        assertThat(text(awaitLocal("bob@example.org", "was not distributed: Can I post?"))).contains("news@example.org is a newsletter");

        client.submit("alice@example.org", PASS, client.message("alice@example.org", "news@example.org", "Issue 1", "News of the month"));
        MimeMessage issue = awaitLocal("bob@example.org", "[news] Issue 1");
        assertThat(issue.getHeader("List-Post")).containsExactly("NO");
        awaitRemote("carol@remote.test", "[news] Issue 1");
    }

    @Test
    @Order(5)
    void loopsAndRobotsGetNoAnswer() throws Exception {
        int bobBefore = client.count("bob@example.org", PASS, "INBOX");
        MimeMessage looped = client.message("bob@example.org", "team@example.org", "Looped", "x");
        looped.setHeader("X-Loop", "team@example.org");
        client.submit("bob@example.org", PASS, looped);
        MimeMessage bounce = client.message("MAILER-DAEMON@remote.test", "team-request@example.org", "Undelivered Mail", "HELP");
        client.deliver(bounce);
        client.submit("bob@example.org", PASS, client.message("bob@example.org", "team@example.org", "Marker", "after"));
        awaitLocal("bob@example.org", "[team] Marker");
        assertThat(client.count("bob@example.org", PASS, "INBOX")).isEqualTo(bobBefore + 1);
        assertThat(remoteMessagesTo("mailer-daemon@remote.test")).isEmpty();
    }

    @Test
    @Order(6)
    void unknownListAddressesAreStillRefusedAtRcpt() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(settings.ports().smtp())) {
            smtp.greetAndEhlo();
            smtp.command("MAIL FROM:<x@remote.test>");
            assertThat(smtp.command("RCPT TO:<team-request@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<nolist-request@example.org>")).startsWith("550");
            assertThat(smtp.command("RCPT TO:<team-owner+" + "a".repeat(26) + "@example.org>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<nolist-owner+" + "a".repeat(26) + "@example.org>")).startsWith("550");
        }
    }

    @Test
    @Order(6)
    void listAddressesCannotBecomeMailboxesOrAliases() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.admin().addUser("team-request@example.org", "An0ther-pass!"))
                .hasMessage("team-request@example.org is an address of a mailing list: pick another address.");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.admin().addAlias("lists@example.org", "bob@example.org"))
                .hasMessageContaining("is an address of a mailing list");
    }

    @Test
    @Order(7)
    void aRestartKeepsHeldPostsAndPendingConfirmations() throws Exception {
        client.deliver(client.message("late@remote.test", "team@example.org", "Before restart", "held"));
        MimeMessage toMod1 = awaitLocal("mod1@example.org", "To moderate: Before restart");
        String key = group(text(toMod1), "DISTRIBUTE team ([a-z2-7]{25})");
        client.deliver(client.message("eve@remote.test", "team-subscribe@example.org", "", ""));
        MimeMessage confirmation = awaitRemote("eve@remote.test", "CONFIRM ");

        server.close();
        server = FacteurMailServer.start(settings);

        assertThat(server.lists().service().admin().members("team@example.org")).isNotEmpty();
        client.deliver(client.message("eve@remote.test", "team-request@example.org", "Re: " + confirmation.getSubject(), ""));
        awaitRemote("eve@remote.test", "Welcome to team");
        client.submit("mod1@example.org", PASS, client.message("mod1@example.org", "team-request@example.org", "", "DISTRIBUTE team " + key));
        awaitLocal("bob@example.org", "[team] Before restart");
        awaitRemote("eve@remote.test", "[team] Before restart");
    }

    // --- helpers ---

    /** Waits for a message in a local INBOX whose subject contains the text; returns a detached copy. */
    private static MimeMessage awaitLocal(String user, String subjectPart) {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(MessagingException.class)
                .until(() -> findLocal(user, subjectPart), Objects::nonNull);
    }

    private static MimeMessage findLocal(String user, String subjectPart) throws Exception {
        try (Store store = client.imap(user, PASS)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                Message[] messages = inbox.getMessages();
                for (int i = messages.length - 1; i >= 0; i--) {
                    String subject = messages[i].getSubject();
                    if (subject != null && subject.contains(subjectPart)) {
                        ByteArrayOutputStream raw = new ByteArrayOutputStream();
                        messages[i].writeTo(raw);
                        return new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(raw.toByteArray()));
                    }
                }
                return null;
            } finally {
                inbox.close(false);
            }
        }
    }

    private static MimeMessage awaitRemote(String recipient, String subjectPart) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> remoteMessagesTo(recipient).stream()
                .filter(m -> subjectOf(m).contains(subjectPart)).reduce((a, b) -> b).orElse(null), Objects::nonNull);
    }

    /** What GreenMail received for this envelope recipient (list copies are addressed To: the list). */
    private static List<MimeMessage> remoteMessagesTo(String recipient) {
        List<MimeMessage> out = new ArrayList<>();
        var user = remote.getUserManager().getUserByEmail(recipient);
        if (user == null) {
            return out;
        }
        try {
            for (var stored : remote.getManagers().getImapHostManager().getInbox(user).getMessages()) {
                out.add(stored.getMimeMessage());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static String subjectOf(MimeMessage m) {
        try {
            return Objects.requireNonNullElse(m.getSubject(), "");
        } catch (MessagingException e) {
            return "";
        }
    }

    private static String text(MimeMessage message) throws Exception {
        return org.facteur.lists.command.CommandParser.bodyText(message);
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("/%s/ in %s", regex, text).isTrue();
        return m.group(1);
    }

    private static int occurrences(String text, String part) {
        return (text.length() - text.replace(part, "").length()) / part.length();
    }
}
