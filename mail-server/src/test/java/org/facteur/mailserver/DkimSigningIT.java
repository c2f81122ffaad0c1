package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.facteur.mailserver.dkim.Dkimpy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail leaving the real server for a remote one (GreenMail at remote.test, through a route) carries an rsa-sha256
 * and an ed25519-sha256 DKIM signature that dkimpy accepts with the TXT records of {@code admin dns}.
 */
class DkimSigningIT {
    private static final String PASS = "S3cret-pass";
    @TempDir
    static Path data;
    static GreenMail remote;
    /** away.test: a server that takes the null sender of away replies and keeps the bytes it received */
    static org.facteur.mailserver.dkim.CapturingSmtpServer away;
    /** old.test: a server that does not announce 8BITMIME */
    static org.facteur.mailserver.dkim.CapturingSmtpServer old;
    static FacteurMailServer server;
    static MailClient client;

    @BeforeAll
    static void start() throws Exception {
        remote = new GreenMail(new ServerSetup(TestMailServers.freePort(), "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        remote.start();
        away = new org.facteur.mailserver.dkim.CapturingSmtpServer();
        old = new org.facteur.mailserver.dkim.CapturingSmtpServer(false);
        MailServerSettings settings = TestMailServers.settings(data, List.of(new MailServerSettings.Route("remote.test",
                new MailServerSettings.HostPort("127.0.0.1", remote.getSmtp().getPort())),
                new MailServerSettings.Route("away.test", new MailServerSettings.HostPort("127.0.0.1", away.port())),
                new MailServerSettings.Route("old.test", new MailServerSettings.HostPort("127.0.0.1", old.port()))));
        server = FacteurMailServer.start(settings);
        server.admin().addDomain("example.org");
        server.admin().addDomain("lists.example.org");
        server.admin().addUser("alice@example.org", PASS);
        client = new MailClient(settings.ports());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        remote.stop();
        away.close();
        old.close();
    }

    /** The raw bytes of the message GreenMail received with this subject, as its SMTP server took them. */
    private static byte[] received(String subject) {
        MimeMessage m = await().atMost(Duration.ofSeconds(60)).alias("a message '" + subject + "' at remote.test").until(() -> Arrays.stream(remote.getReceivedMessages())
                .filter(r -> subject.equals(subjectOf(r))).findFirst(), Optional::isPresent).get();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subjectOf(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            return null;
        }
    }

    private static Map<String, String> publishedRecords(String domain) {
        return Dkimpy.txtRecords(server.admin().dnsRecords(domain));
    }

    @Test
    void submittedMailToARemoteAddressCarriesTwoSignaturesThatDkimpyAccepts() throws Exception {
        client.submit("alice@example.org", PASS,
                client.message("alice@example.org", "bob@remote.test", "Signed hello", "Hello Bob,\r\nfrom Alice.\r\n"));
        byte[] message = received("Signed hello");
        String text = new String(message, StandardCharsets.UTF_8);
        assertThat(text).contains("a=rsa-sha256").contains("a=ed25519-sha256").contains("d=example.org");
        assertThat(Dkimpy.verify(message, publishedRecords("example.org"))).containsExactly(true, true);

        byte[] tampered = text.replace("from Alice.", "from Alicf.").getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(message);
        assertThat(Dkimpy.verify(tampered, publishedRecords("example.org"))).containsExactly(false, false);
    }

    @Test
    void aListCopyForARemoteMemberIsSignedForTheListsDomain() throws Exception {
        server.lists().create("team@lists.example.org", Preset.DISCUSSION, Locale.ENGLISH, "alice@example.org", false, List.of());
        server.lists().addMember("team@lists.example.org", "alice@example.org", "Alice", Role.SUBSCRIBER);
        server.lists().addMember("team@lists.example.org", "carol@remote.test", "Carol", Role.SUBSCRIBER);
        client.submit("alice@example.org", PASS,
                client.message("alice@example.org", "team@lists.example.org", "List post", "To the team.\r\n"));
        byte[] copy = received("[team] List post");
        assertThat(new String(copy, StandardCharsets.UTF_8)).contains("d=lists.example.org").contains("List-Id:");
        assertThat(Dkimpy.verify(copy, publishedRecords("lists.example.org"))).containsExactly(true, true);
    }

    @Test
    void afterARotationMailIsSignedWithTheNewSelectorsAndTheOldOnesStayPublished() throws Exception {
        server.admin().addDomain("rotated.example.org");
        server.admin().addUser("erin@rotated.example.org", PASS);
        List<String> before = selectors(server.admin().dnsRecords("rotated.example.org"));
        List<String> fresh = server.admin().rotateDkim("rotated.example.org");
        assertThat(fresh).hasSize(2).doesNotContainAnyElementsOf(before);
        assertThat(selectors(server.admin().dnsRecords("rotated.example.org"))).containsAll(before).containsAll(fresh);

        client.submit("erin@rotated.example.org", PASS,
                client.message("erin@rotated.example.org", "bob@remote.test", "After rotation", "New keys.\r\n"));
        byte[] message = received("After rotation");
        String text = new String(message, StandardCharsets.UTF_8);
        fresh.forEach(s -> assertThat(text).contains("s=" + s + ";"));
        assertThat(Dkimpy.verify(message, publishedRecords("rotated.example.org"))).containsExactly(true, true);
    }

    @Test
    void anAwayReplyToARemoteSenderIsSignedForTheMembersDomain() throws Exception {
        try (jakarta.mail.Store store = client.imap("alice@example.org", PASS)) {
            org.eclipse.angus.mail.imap.IMAPFolder inbox = (org.eclipse.angus.mail.imap.IMAPFolder) store.getFolder("INBOX");
            inbox.doCommand(protocol -> {
                org.eclipse.angus.mail.iap.Argument entry = new org.eclipse.angus.mail.iap.Argument();
                entry.writeAtom(org.facteur.mailserver.vacation.Vacation.ENTRY);
                entry.writeString(new org.facteur.mailserver.vacation.Vacation(true, null, null, "Alice est absente",
                        "Bonjour,\nje suis en cong\u00e9 \u2014 \u00e0 bient\u00f4t.\n").format(), StandardCharsets.UTF_8);
                org.eclipse.angus.mail.iap.Argument args = new org.eclipse.angus.mail.iap.Argument();
                args.writeString("INBOX");
                args.writeArgument(entry);
                org.eclipse.angus.mail.iap.Response[] r = protocol.command("SETMETADATA", args);
                protocol.notifyResponseHandlers(r);
                protocol.handleResult(r[r.length - 1]);
                return null;
            });
        }
        client.deliver(client.message("zoe@away.test", "alice@example.org", "Are you there?", "Hello Alice.\r\n"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !away.messages().isEmpty());
        assertThat(away.messages().get(0).sender()).isEqualTo("<>");
        byte[] reply = away.messages().get(0).data();
        assertThat(new String(reply, StandardCharsets.UTF_8)).contains("d=example.org").contains("Auto-Submitted: auto-replied");
        assertThat(Dkimpy.verify(reply, publishedRecords("example.org"))).containsExactly(true, true);
    }

    @Test
    void signaturesSurviveAServerWithout8BitMimeFor7BitAnd8BitMail() throws Exception {
        client.submit("alice@example.org", PASS,
                client.message("alice@example.org", "dan@old.test", "Plain ASCII", "Nothing to convert.\r\n"));
        jakarta.mail.internet.MimeMessage utf8 = client.message("alice@example.org", "dan@old.test", "Eight bit",
                "Caf\u00e9 cr\u00e8me, d\u00e9j\u00e0 vu.\r\n");
        utf8.setText("Caf\u00e9 cr\u00e8me, d\u00e9j\u00e0 vu.\r\n", "UTF-8");
        utf8.saveChanges();
        utf8.setHeader("Content-Transfer-Encoding", "8bit");
        client.submit("alice@example.org", PASS, utf8);
        await().atMost(Duration.ofSeconds(60)).until(() -> old.messages().size() >= 2);
        for (org.facteur.mailserver.dkim.CapturingSmtpServer.Received r : old.messages()) {
            String text = new String(r.data(), StandardCharsets.ISO_8859_1);
            assertThat(Dkimpy.verify(r.data(), publishedRecords("example.org"))).as(text).containsExactly(true, true);
        }
    }

    private static List<String> selectors(List<String> zone) {
        return zone.stream().filter(l -> l.contains("._domainkey.")).map(l -> l.substring(0, l.indexOf('.'))).toList();
    }
}
