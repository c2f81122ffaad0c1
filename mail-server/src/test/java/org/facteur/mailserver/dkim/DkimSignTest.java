package org.facteur.mailserver.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link DkimSign} mailet with James's mailet test kit; what it signs is checked by dkimpy. */
class DkimSignTest {
    @TempDir
    static Path dir;
    static DkimKeys keys;
    static Map<String, String> records = new HashMap<>();
    DkimSign mailet;

    @BeforeAll
    static void makeKeys() {
        keys = new DkimKeys(dir);
        for (String domain : new String[] {"example.org", "lists.example.org"}) {
            keys.ensure(domain);
            records.putAll(keys.published(domain).stream().collect(Collectors.toMap(DkimKey::recordName, DkimKey::recordText)));
        }
    }

    @BeforeEach
    void init() throws Exception {
        mailet = new DkimSign(keys);
        mailet.init(FakeMailetConfig.builder().mailetName("DkimSign").mailetContext(FakeMailContext.defaultContext()).build());
    }

    private static Mail mail(String sender, MimeMessageBuilder message) throws Exception {
        return FakeMail.builder().name("m1").sender(sender).recipient("bob@remote.test").mimeMessage(message).build();
    }

    private static MimeMessageBuilder message(String from) throws Exception {
        return MimeMessageBuilder.mimeMessageBuilder().addFrom(from).addToRecipient("bob@remote.test")
                .setSubject("Hello").setText("Hi Bob,\r\nsee you.\r\n");
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static String[] signatures(Mail mail) throws Exception {
        String[] found = mail.getMessage().getHeader("DKIM-Signature");
        return found == null ? new String[0] : found;
    }

    @Test
    void mailFromALocalDomainLeavesWithTwoSignaturesThatVerify() throws Exception {
        Mail mail = mail("alice@example.org", message("Alice <alice@example.org>"));
        mailet.service(mail);
        assertThat(signatures(mail)).hasSize(2);
        assertThat(signatures(mail)[0]).contains("a=rsa-sha256").contains("d=example.org").contains("s=f");
        assertThat(signatures(mail)[1]).contains("a=ed25519-sha256").contains("d=example.org").contains("s=e");
        assertThat(Dkimpy.verify(bytes(mail.getMessage()), records)).containsExactly(true, true);
    }

    @Test
    void aListCopyIsSignedForTheListsDomainWhateverTheAuthorsDomain() throws Exception {
        Mail mail = mail("team-bounces@lists.example.org",
                message("carol@elsewhere.test").addHeader("List-Id", "Team <team.lists.example.org>"));
        mailet.service(mail);
        assertThat(signatures(mail)).hasSize(2).allSatisfy(s -> assertThat(s).contains("d=lists.example.org"));
        assertThat(Dkimpy.verify(bytes(mail.getMessage()), records)).containsExactly(true, true);
    }

    @Test
    void eightBitMailIsEncodedAs7BitBeforeSigningSoThatNoLaterConversionBreaksIt() throws Exception {
        MimeMessage eightBit = new MimeMessage(javax.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(("From: alice@example.org\r\nTo: bob@remote.test\r\nSubject: Caf\u00e9\r\n"
                        + "Message-ID: <kept@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n\r\nCaf\u00e9 cr\u00e8me.\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Mail mail = FakeMail.builder().name("m3").sender("alice@example.org").recipient("bob@remote.test").mimeMessage(eightBit).build();
        mailet.service(mail);
        assertThat(mail.getMessage().getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(mail.getMessage().getMessageID()).isEqualTo("<kept@example.org>");
        assertThat(mail.getMessage().getContent().toString()).isEqualTo("Caf\u00e9 cr\u00e8me.\r\n");
        assertThat(Dkimpy.verify(bytes(mail.getMessage()), records)).containsExactly(true, true);
    }

    @Test
    void forwardedMailOfAnotherDomainLeavesUnsignedAndUnchanged() throws Exception {
        Mail mail = mail("srs0=abc@example.org", message("dave@elsewhere.test"));
        byte[] before = bytes(mail.getMessage());
        mailet.service(mail);
        assertThat(signatures(mail)).isEmpty();
        assertThat(bytes(mail.getMessage())).isEqualTo(before);
    }

    @Test
    void forwardedListMailOfAnotherServerLeavesUnsignedDespiteItsLocalSrsSender() throws Exception {
        Mail mail = mail("SRS0=hhhh=TT=other.test=news-bounces@example.org",
                message("news@other.test").addHeader("List-Id", "News <news.other.test>"));
        mailet.service(mail);
        assertThat(signatures(mail)).isEmpty();
    }

    @Test
    void mailWithoutAFromOrWithAnUnparsableOneLeavesUnsigned() throws Exception {
        Mail noFrom = FakeMail.builder().name("m2").sender("alice@example.org").recipient("bob@remote.test")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("x").setText("y")).build();
        mailet.service(noFrom);
        assertThat(signatures(noFrom)).isEmpty();
        Mail garbage = mail("alice@example.org", MimeMessageBuilder.mimeMessageBuilder().addHeader("From", "<<<")
                .setSubject("x").setText("y"));
        mailet.service(garbage);
        assertThat(signatures(garbage)).isEmpty();
    }

    @Test
    void aChangeByALaterMailetWouldBreakTheSignatureSoItMustStayLast() throws Exception {
        Mail mail = mail("alice@example.org", message("alice@example.org"));
        mailet.service(mail);
        mail.getMessage().setSubject("Changed after signing");
        mail.getMessage().saveChanges();
        assertThat(Dkimpy.verify(bytes(mail.getMessage()), records)).containsExactly(false, false);
    }

    @Test
    void withSigningOffMailFromALocalDomainLeavesUnsignedAndUnchanged() throws Exception {
        DkimSign off = new DkimSign(keys);
        off.init(FakeMailetConfig.builder().mailetName("DkimSign").mailetContext(FakeMailContext.defaultContext())
                .setProperty("signing", "false").build());
        Mail mail = mail("alice@example.org", message("Alice <alice@example.org>"));
        byte[] before = bytes(mail.getMessage());
        off.service(mail);
        assertThat(signatures(mail)).isEmpty();
        assertThat(bytes(mail.getMessage())).isEqualTo(before);
    }

    @Test
    void signingTrueSignsAndAnythingButTrueOrFalseIsRefusedAtStart() throws Exception {
        DkimSign on = new DkimSign(keys);
        on.init(FakeMailetConfig.builder().mailetName("DkimSign").mailetContext(FakeMailContext.defaultContext())
                .setProperty("signing", "TRUE").build());
        Mail mail = mail("alice@example.org", message("Alice <alice@example.org>"));
        on.service(mail);
        assertThat(signatures(mail)).hasSize(2);
        DkimSign typo = new DkimSign(keys);
        assertThatThrownBy(() -> typo.init(FakeMailetConfig.builder().mailetName("DkimSign")
                .mailetContext(FakeMailContext.defaultContext()).setProperty("signing", "no").build()))
                .hasMessageContaining("<signing> must be true or false, not 'no'");
    }
}
