package org.facteur.mailserver.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The hook with James's FakeMail, a mocked SMTP session and an HTTP server answering as Rspamd's {@code /checkv2} does
 * (the answers are Rspamd 3.4's, as RspamdIT receives them from a real one); what it sent is kept for the assertions.
 */
class SpamCheckHookTest {
    HttpServer rspamd;
    String answer;
    final Map<String, List<String>> requestHeaders = new ConcurrentHashMap<>();
    volatile String requestBody = "";

    @BeforeEach
    void start() throws Exception {
        rspamd = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rspamd.createContext("/checkv2", exchange -> {
            exchange.getRequestHeaders().forEach(requestHeaders::put);
            requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        rspamd.start();
    }

    @AfterEach
    void stop() {
        rspamd.stop(0);
    }

    private SpamCheckHook hook() {
        URI url = URI.create("http://127.0.0.1:" + rspamd.getAddress().getPort());
        return new SpamCheckHook(new SpamChecking(Optional.of(new Rspamd(new RspamdSettings(url, Optional.empty(), "")))));
    }

    private static String answer(String action, double score, String smtpMessage) {
        return "{\"is_skipped\":false,\"score\":" + score + ",\"required_score\":15.0,\"action\":\"" + action + "\","
                + "\"symbols\":{\"MIME_GOOD\":{\"name\":\"MIME_GOOD\",\"score\":-0.1}},"
                + (smtpMessage == null ? "" : "\"messages\":{\"smtp_message\":\"" + smtpMessage + "\"},")
                + "\"message-id\":\"m1@sender.test\",\"time_real\":0.1}";
    }

    private static SMTPSession session(Username login) {
        SMTPSession session = mock(SMTPSession.class);
        when(session.getRemoteAddress()).thenReturn(new InetSocketAddress("192.0.2.7", 40000));
        when(session.getUsername()).thenReturn(login);
        when(session.getAttachment(eq(SMTPSession.CURRENT_HELO_NAME), any(ProtocolSession.State.class))).thenReturn(Optional.of("mx.sender.test"));
        return session;
    }

    private static Mail mail(String extraHeaders) throws Exception {
        String text = extraHeaders + "From: <friend@sender.test>\r\nTo: alice@example.org\r\nSubject: hi\r\n"
                + "Message-ID: <m1@sender.test>\r\n\r\nbody\r\n";
        return FakeMail.builder().name("Mail1").sender("friend@sender.test").recipients("alice@example.org", "bob@example.org")
                .mimeMessage(new MimeMessage(Session.getInstance(new java.util.Properties()),
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))).build();
    }

    private static String text(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theEnvelopeGoesToRspamdInItsHeaders() throws Exception {
        answer = answer("no action", 0.4, null);
        hook().onMessage(session(null), mail(""));
        assertThat(requestHeaders.get("Ip")).containsExactly("192.0.2.7");
        assertThat(requestHeaders.get("Helo")).containsExactly("mx.sender.test");
        assertThat(requestHeaders.get("From")).containsExactly("friend@sender.test");
        assertThat(requestHeaders.get("Rcpt")).containsExactlyInAnyOrder("alice@example.org", "bob@example.org");
        assertThat(requestHeaders.get("Queue-id")).containsExactly("Mail1");
        assertThat(requestBody).contains("Subject: hi");
    }

    @Test
    void rejectIs550WithRspamdsSentence() throws Exception {
        answer = answer("reject", 15.0, "Gtube pattern");
        HookResult r = hook().onMessage(session(null), mail(""));
        assertThat(r.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(r.getSmtpRetCode()).isEqualTo("550");
        assertThat(r.getSmtpDescription()).isEqualTo("5.7.1 This message was refused as spam (Gtube pattern, score 15.0 of 15.0)");
    }

    @Test
    void softRejectAndGreylistAre451() throws Exception {
        for (String action : List.of("soft reject", "greylist")) {
            answer = answer(action, 5.0, null);
            HookResult r = hook().onMessage(session(null), mail(""));
            assertThat(r.getResult()).as(action).isEqualTo(HookReturnCode.denySoft());
            assertThat(r.getSmtpRetCode()).isEqualTo("451");
            assertThat(r.getSmtpDescription()).startsWith("4.7.1 This message looks suspicious; please try again later (score 5.0");
        }
    }

    @Test
    void addHeaderAndRewriteSubjectFileInJunkWithOurVerdictOnTopAndTheSendersGone() throws Exception {
        for (String action : List.of("add header", "rewrite subject")) {
            answer = answer(action, 7.25, null);
            Mail mail = mail("X-Spam-Status: No, score=-99\r\nX-Spam-Flag: NO\r\n");
            HookResult r = hook().onMessage(session(null), mail);
            assertThat(r.getResult()).isEqualTo(HookReturnCode.declined());
            assertThat(mail.getAttribute(SpamCheckHook.SPAM)).as(action).isPresent();
            assertThat(text(mail)).startsWith("X-Spam-Status: Yes, score=7.25 required=15.00\r\nX-Spam-Score: 7.25\r\n")
                    .doesNotContain("-99").doesNotContain("X-Spam-Flag").contains("Message-ID: <m1@sender.test>");
            assertThat(requestBody).as("Rspamd does not see the sender's verdict either").doesNotContain("X-Spam");
        }
    }

    @Test
    void noActionGoesToInboxMarkedNo() throws Exception {
        answer = answer("no action", -0.1, null);
        Mail mail = mail("");
        assertThat(hook().onMessage(session(null), mail).getResult()).isEqualTo(HookReturnCode.declined());
        assertThat(mail.getAttribute(SpamCheckHook.SPAM)).isEmpty();
        assertThat(text(mail)).startsWith("X-Spam-Status: No, score=-0.10 required=15.00\r\n");
    }

    @Test
    void loggedInMembersAreNotChecked() throws Exception {
        answer = answer("reject", 15.0, null);
        Mail mail = mail("");
        assertThat(hook().onMessage(session(Username.of("alice@example.org")), mail).getResult()).isEqualTo(HookReturnCode.declined());
        assertThat(requestBody).isEmpty();
        assertThat(text(mail)).doesNotContain("X-Spam-Status");
    }

    @Test
    void whenRspamdCannotBeReachedTheMailIsAcceptedUnchecked() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        SpamCheckHook down = new SpamCheckHook(new SpamChecking(Optional.of(new Rspamd(
                new RspamdSettings(URI.create("http://127.0.0.1:" + closed), Optional.empty(), "")))));
        Mail mail = mail("X-Spam-Status: No, score=-99\r\n");
        assertThat(down.onMessage(session(null), mail).getResult()).isEqualTo(HookReturnCode.declined());
        assertThat(mail.getAttribute(SpamCheckHook.SPAM)).isEmpty();
        assertThat(text(mail)).doesNotContain("X-Spam-Status").contains("Subject: hi");
    }

    @Test
    void withoutRspamdNothingHappens() throws Exception {
        Mail mail = mail("");
        assertThat(new SpamCheckHook(new SpamChecking(Optional.empty())).onMessage(session(null), mail).getResult())
                .isEqualTo(HookReturnCode.declined());
        assertThat(text(mail)).doesNotContain("X-Spam");
    }
}
