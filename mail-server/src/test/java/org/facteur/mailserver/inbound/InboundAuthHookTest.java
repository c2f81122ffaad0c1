package org.facteur.mailserver.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.facteur.mailserver.dkim.DkimVerifier;
import org.facteur.mailserver.dns.TxtLookup;
import org.facteur.mailserver.net.ClientNetworks;
import org.junit.jupiter.api.Test;

/** The MX hook with James's FakeMail and a mocked SMTP session, a fixed SPF answer and DNS records in a map. */
class InboundAuthHookTest {
    private static final TxtLookup DNS = name -> Map.of("_dmarc.bank.test", "v=DMARC1; p=reject",
            "_dmarc.shop.test", "v=DMARC1; p=quarantine").entrySet().stream().filter(e -> e.getKey().equals(name))
            .findFirst().<TxtLookup.Answer>map(e -> new TxtLookup.Found(List.of(e.getValue()))).orElse(new TxtLookup.NotFound());

    private static InboundAuthHook hook(String spf, boolean enabled) {
        InboundAuthenticator authenticator = new InboundAuthenticator("mx.example.org", (ip, from, helo) -> spf,
                new DkimVerifier(DNS, Clock.systemUTC()), new Dmarc(DNS, () -> 0));
        return new InboundAuthHook(new InboundChecking(enabled, ClientNetworks.parse(List.of("127.0.0.1/32")), authenticator));
    }

    private static SMTPSession session(String ip, Username login) {
        SMTPSession session = mock(SMTPSession.class);
        when(session.getRemoteAddress()).thenReturn(new InetSocketAddress(ip, 40000));
        when(session.getUsername()).thenReturn(login);
        when(session.getAttachment(eq(SMTPSession.CURRENT_HELO_NAME), any(ProtocolSession.State.class))).thenReturn(Optional.of("mx.sender.test"));
        return session;
    }

    private static Mail mail(String from, String extraHeaders) throws Exception {
        String text = extraHeaders + "From: <" + from + ">\r\nTo: alice@example.org\r\nSubject: hi\r\n\r\nbody\r\n";
        return FakeMail.builder().name("m1").sender(from).recipient("alice@example.org")
                .mimeMessage(new MimeMessage(Session.getInstance(new java.util.Properties()),
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))).build();
    }

    private static String text(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aDmarcRejectFailureGets550At5_7_1() throws Exception {
        HookResult r = hook("fail", true).onMessage(session("192.0.2.7", null), mail("ceo@bank.test", ""));
        assertThat(r.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(r.getSmtpRetCode()).isEqualTo("550");
        assertThat(r.getSmtpDescription()).startsWith("5.7.1 Refused: the message is from bank.test");
    }

    @Test
    void aQuarantineFailureIsMarkedAndEveryMessageGetsOurFieldOnTop() throws Exception {
        Mail mail = mail("news@shop.test", "Authentication-Results: mx.example.org; dmarc=pass header.from=shop.test\r\n");
        HookResult r = hook("fail", true).onMessage(session("192.0.2.7", null), mail);
        assertThat(r.getResult()).isEqualTo(HookReturnCode.declined());
        assertThat(mail.getAttribute(InboundAuthHook.QUARANTINE)).isPresent();
        String text = text(mail);
        assertThat(text).startsWith("Authentication-Results: mx.example.org;\r\n\tspf=fail smtp.mailfrom=news@shop.test;")
                .doesNotContain("dmarc=pass").contains("dmarc=fail (p=quarantine dis=quarantine) header.from=shop.test");
    }

    @Test
    void exemptClientsLoginsAndTurnedOffChecksAreLeftAlone() throws Exception {
        for (var check : List.of(
                Map.entry(hook("fail", true), session("127.0.0.1", null)),
                Map.entry(hook("fail", true), session("192.0.2.7", Username.of("alice@example.org"))),
                Map.entry(hook("fail", false), session("192.0.2.7", null)))) {
            Mail mail = mail("ceo@bank.test", "");
            assertThat(check.getKey().onMessage(check.getValue(), mail).getResult()).isEqualTo(HookReturnCode.declined());
            assertThat(text(mail)).doesNotContain("Authentication-Results");
        }
    }

    @Test
    void theAuthorDomainsAreEveryFromAddress() throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(
                "From: a@one.test, \"B\" <b@two.test>\r\nFrom: c@three.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(InboundAuthHook.authorDomains(m)).containsExactly("one.test", "two.test", "three.test");
        assertThat(new MailAddress("x@y.test").getDomain().asString()).isEqualTo("y.test");
    }
}
