package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.facteur.lists.model.DmarcMitigation;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.Role;
import org.facteur.mailserver.dkim.Dkimpy;
import org.facteur.mailserver.dns.DnsServers;
import org.facteur.mailserver.dns.Dnsmasq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DMARC-safe list distribution against a real DNS server (dnsmasq behind FACTEUR_DNS_SERVERS) answering
 * {@code _dmarc.strict.test} with {@code p=reject} and {@code _dmarc.relaxed.test} with {@code p=none}. Posts arrive
 * over SMTP on the MX; a local member reads the copies over IMAP, remote members (remote.test, strict.test,
 * relaxed.test) are one GreenMail, whose copies show what leaves the server (DKIM-signed, judged by dkimpy).
 */
class ListDmarcIT {
    private static final String PASS = "S3cret-pass";
    @TempDir
    static Path data;
    static Dnsmasq dns;
    static GreenMail remote;
    static FacteurMailServer server;
    static MailClient client;

    @BeforeAll
    static void start() throws Exception {
        dns = Dnsmasq.start(List.of("test"), Map.of("_dmarc.strict.test", "v=DMARC1; p=reject",
                "_dmarc.relaxed.test", "v=DMARC1; p=none"));
        remote = new GreenMail(new ServerSetup(TestMailServers.freePort(), "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        remote.start();
        MailServerSettings.HostPort greenMail = new MailServerSettings.HostPort("127.0.0.1", remote.getSmtp().getPort());
        MailServerSettings settings = TestMailServers.settings(data, List.of(new MailServerSettings.Route("remote.test", greenMail),
                        new MailServerSettings.Route("strict.test", greenMail), new MailServerSettings.Route("relaxed.test", greenMail)))
                .withDnsServers(DnsServers.parse(dns.server()));
        server = FacteurMailServer.start(settings);
        server.admin().addDomain("example.org");
        server.admin().addUser("bob@example.org", PASS);
        server.admin().addUser("owner@example.org", PASS);
        client = new MailClient(settings.ports());
        for (String list : List.of("team@example.org", "wrapped@example.org")) {
            server.lists().create(list, Preset.DISCUSSION, Locale.ENGLISH, "owner@example.org", false, List.of());
            server.lists().addMember(list, "bob@example.org", "Bob", Role.SUBSCRIBER);
            server.lists().addMember(list, "carol@remote.test", "Carol", Role.SUBSCRIBER);
            server.lists().addMember(list, "alice@strict.test", "Alice", Role.SUBSCRIBER);
            server.lists().addMember(list, "rita@relaxed.test", "Rita", Role.SUBSCRIBER);
        }
        server.lists().set("team@example.org", Map.of("reply-to", "sender"));
        server.lists().set("wrapped@example.org", Map.of("dmarc", "wrap", "dmarc-poster", "cc"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        remote.stop();
        dns.close();
    }

    @Test
    void aPostFromARejectDomainReachesMembersFromTheListWithThePosterInReplyTo() throws Exception {
        String subject = "Strict " + UUID.randomUUID();
        MimeMessage copy = postAndReadBobsCopy("Alice Martin <alice@strict.test>", "team", subject, "Shall we meet?");
        assertThat(copy.getHeader("From")).containsExactly("Alice Martin via team <team@example.org>");
        assertThat(addresses(copy.getReplyTo())).containsExactly("alice@strict.test");
        assertThat(copy.getHeader("X-Original-From")).containsExactly("Alice Martin <alice@strict.test>");
        assertThat(((String) copy.getContent()).replace("\r\n", "\n")).startsWith("Shall we meet?");

        // what leaves for another server is signed by the list's domain, aligned with the new From
        byte[] remoteCopy = leftForRemoteMembers("[team] " + subject);
        String text = new String(remoteCopy, StandardCharsets.UTF_8);
        assertThat(text).contains("From: Alice Martin via team <team@example.org>").contains("d=example.org")
                .doesNotContain("d=strict.test");
        assertThat(Dkimpy.verify(remoteCopy, Dkimpy.txtRecords(server.admin().dnsRecords("example.org")))).containsExactly(true, true);
    }

    @Test
    void aPostFromANoneDomainKeepsItsFrom() throws Exception {
        String subject = "Relaxed " + UUID.randomUUID();
        MimeMessage copy = postAndReadBobsCopy("Rita Relaxed <rita@relaxed.test>", "team", subject, "Hello");
        assertThat(addresses(copy.getFrom())).containsExactly("rita@relaxed.test");
        assertThat(((InternetAddress) copy.getFrom()[0]).getPersonal()).isEqualTo("Rita Relaxed");
        assertThat(copy.getHeader("Reply-To")).isNull();
        assertThat(copy.getHeader("X-Original-From")).isNull();
        assertThat(new String(leftForRemoteMembers("[team] " + subject), StandardCharsets.UTF_8))
                .contains("From: Rita Relaxed <rita@relaxed.test>");
    }

    @Test
    void aWrappingListSendsThePostAsAnAttachmentWithThePosterInCc() throws Exception {
        String subject = "Wrapped " + UUID.randomUUID();
        MimeMessage copy = postAndReadBobsCopy("Alice Martin <alice@strict.test>", "wrapped", subject, "Inside");
        assertThat(addresses(copy.getFrom())).containsExactly("wrapped@example.org");
        assertThat(addresses(copy.getRecipients(Message.RecipientType.CC))).containsExactly("alice@strict.test");
        assertThat(addresses(copy.getReplyTo())).as("the list takes replies (discussion preset)").containsExactly("wrapped@example.org");
        MimeMultipart parts = (MimeMultipart) copy.getContent();
        assertThat(parts.getBodyPart(0).isMimeType("message/rfc822")).isTrue();
        MimeMessage post = (MimeMessage) parts.getBodyPart(0).getContent();
        assertThat(post.getHeader("From")).containsExactly("Alice Martin <alice@strict.test>");
        assertThat(post.getSubject()).isEqualTo(subject);
        assertThat(((String) post.getContent()).strip()).isEqualTo("Inside");
    }

    @Test
    void anUnknownMitigationIsRefusedWithASentenceAndChangesNothing() {
        assertThatThrownBy(() -> server.lists().set("team@example.org", Map.of("dmarc", "sometimes")))
                .hasMessage("'sometimes' is not a valid value for dmarc.");
        assertThat(server.lists().get("team@example.org").dmarc()).isEqualTo(DmarcMitigation.DEFAULT);
    }

    /** Sends a post to the list over SMTP (the MX port) and reads Bob's copy over IMAP. */
    private static MimeMessage postAndReadBobsCopy(String from, String list, String subject, String body) throws Exception {
        client.deliver(client.message(from, list + "@example.org", subject, body));
        return new MimeMessage(client.session(), new ByteArrayInputStream(client.raw("bob@example.org", PASS, "[" + list + "] " + subject)));
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    /** The bytes of a copy with this subject that GreenMail (remote.test, strict.test, relaxed.test) received. */
    private static byte[] leftForRemoteMembers(String subject) throws Exception {
        MimeMessage m = await().atMost(Duration.ofSeconds(60)).alias(subject + " at GreenMail").until(() -> Arrays.stream(remote.getReceivedMessages())
                .filter(r -> {
                    try {
                        return subject.equals(r.getSubject());
                    } catch (Exception e) {
                        return false;
                    }
                }).findFirst(), Optional::isPresent).get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
