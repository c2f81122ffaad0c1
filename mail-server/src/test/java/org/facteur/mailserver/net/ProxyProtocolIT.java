package org.facteur.mailserver.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.facteur.mailserver.ImapDialogue;
import org.facteur.mailserver.LogCapture;
import org.facteur.mailserver.MailServerExtension;
import org.facteur.mailserver.MailServerSettings;
import org.facteur.mailserver.SmtpDialogue;
import org.facteur.mailserver.TestMailServers;
import org.facteur.mailserver.login.TrustedNetworks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every mail port requiring the PROXY protocol (FACTEUR_PROXY_PROTOCOL), with only 127.0.0.1 trusted: headers written
 * by hand as HAProxy writes them (v1 and v2) name clients in 198.51.100.0/24, and the server must see those clients
 * (Received header, login throttle, per-IP limit), not the proxy. The end-to-end test with a real HAProxy is
 * deploy's {@code HaproxyIT}.
 */
class ProxyProtocolIT {
    static final int PER_CLIENT = 2;
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension(data -> {
        MailServerSettings s = TestMailServers.settings(data);
        MailServerSettings.Limits l = s.limits();
        return TestMailServers.withLimits(s, new MailServerSettings.Limits(l.maxMessageSize(), l.connectionLimit(), PER_CLIENT,
                        l.imapLiteralSizeLimit(), l.connectionLimitExempt(), l.maxRecipients(), l.defaultQuota()))
                .withTrustedProxies(TrustedNetworks.parse("127.0.0.1/32"))
                .withProxyProtocol(true);
    });
    static final String PASSWORD = "Corr3ct-horse";

    @BeforeAll
    static void members() {
        for (String user : new String[] {"received", "imap-target", "smtp-target"}) {
            mail.server().admin().addUser(user + "@example.org", PASSWORD);
        }
    }

    static MailServerSettings.Ports ports() {
        return mail.settings().ports();
    }

    @Test
    void theReceivedHeaderNamesTheClientOfAVersion1Header() throws Exception {
        try (SmtpDialogue mx = new SmtpDialogue(ports().smtp(), "127.0.0.1", ProxyHeaders.v1("198.51.100.7", 40007, 25))) {
            assertThat(mx.greetAndEhlo()).startsWith("250");
            mx.sendMessage("someone@elsewhere.test", "received@example.org", "Subject: through a proxy\r\n\r\nHello.");
        }
        try (ImapDialogue imap = new ImapDialogue(ports().imap(), "127.0.0.1", ProxyHeaders.v2("198.51.100.8", 40008, 143))) {
            assertThat(imap.login("received@example.org", PASSWORD)).startsWith("OK");
            assertThat(imap.selectWhenItHolds("INBOX", 1)).contains("* 1 EXISTS");
            String received = imap.command("FETCH 1 BODY.PEEK[HEADER.FIELDS (RECEIVED)]");
            assertThat(received).contains("198.51.100.7").doesNotContain("127.0.0.1");
        }
    }

    @Test
    void failedImapLoginsCountAgainstTheProxiedClientNotTheProxy() throws Exception {
        String target = "imap-target@example.org";
        for (int i = 0; i < 5; i++) {
            try (ImapDialogue attacker = new ImapDialogue(ports().imap(), "127.0.0.1", ProxyHeaders.v2("198.51.100.20", 41000 + i, 143))) {
                assertThat(attacker.login(target, "guess-" + i)).startsWith("NO [AUTHENTICATIONFAILED]");
            }
        }
        try (ImapDialogue attacker = new ImapDialogue(ports().imap(), "127.0.0.1", ProxyHeaders.v1("198.51.100.20", 41010, 143))) {
            assertThat(attacker.login(target, PASSWORD)).startsWith("NO [UNAVAILABLE]");
        }
        // The same proxy (127.0.0.1) speaking for another client: not locked.
        try (ImapDialogue owner = new ImapDialogue(ports().imap(), "127.0.0.1", ProxyHeaders.v2("198.51.100.21", 41011, 143))) {
            assertThat(owner.login(target, PASSWORD)).startsWith("OK");
        }
    }

    @Test
    void failedSmtpAuthsCountAgainstTheProxiedClientNotTheProxy() throws Exception {
        String target = "smtp-target@example.org";
        try (SmtpDialogue attacker = submission("198.51.100.30")) {
            for (int i = 0; i < 5; i++) {
                assertThat(attacker.authPlain(target, "guess-" + i)).startsWith("535");
            }
            assertThat(attacker.authPlain(target, PASSWORD)).startsWith("454 4.7.0");
        }
        try (SmtpDialogue owner = submission("198.51.100.31")) {
            assertThat(owner.authPlain(target, PASSWORD)).startsWith("235");
        }
    }

    static SmtpDialogue submission(String client) throws Exception {
        SmtpDialogue smtp = new SmtpDialogue(ports().submission(), "127.0.0.1", ProxyHeaders.v2(client, 42000, 587));
        smtp.greetAndEhlo();
        smtp.startTls();
        smtp.command("EHLO client.test");
        return smtp;
    }

    @Test
    void thePerClientLimitCountsTheProxiedClients() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_CLIENT; i++) {
                Socket s = proxied(ports().imap(), ProxyHeaders.v1("198.51.100.40", 43000 + i, 143));
                held.add(s);
                assertThat(firstLine(s)).startsWith("* OK");
            }
            try (Socket third = proxied(ports().imap(), ProxyHeaders.v1("198.51.100.40", 43010, 143))) {
                assertThat(firstLine(third)).startsWith("* BYE Too many connections");
            }
            // Every connection comes from 127.0.0.1 (the proxy, not exempt here): another client still gets in.
            try (Socket other = proxied(ports().imap(), ProxyHeaders.v1("198.51.100.41", 43011, 143))) {
                assertThat(firstLine(other)).startsWith("* OK");
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aHeaderFromAnUntrustedPeerIsRefusedBeforeAnyGreeting() throws Exception {
        try (LogCapture log = LogCapture.capture();
             Socket s = connect(ports().smtp(), "127.0.0.2")) {
            s.getOutputStream().write(ProxyHeaders.v1("198.51.100.50", 44000, 25));
            assertThat(s.getInputStream().read()).as("closed without a greeting").isEqualTo(-1);
            assertThat(log.messagesOf(ProxyProtocolGate.class.getName()))
                    .anyMatch(m -> m.startsWith("Refused a connection from 127.0.0.2") && m.contains("FACTEUR_TRUSTED_PROXIES"));
        }
    }

    @Test
    void aConnectionWithoutAHeaderIsClosedBeforeAnyGreeting() throws Exception {
        for (int port : new int[] {ports().smtp(), ports().submission(), ports().imap()}) {
            try (LogCapture log = LogCapture.capture();
                 Socket s = connect(port, "127.0.0.1")) {
                s.getOutputStream().write("EHLO direct.test\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(s.getInputStream().read()).as("port %d closed without a greeting", port).isEqualTo(-1);
                // The decoder closes the connection before it reports why: the line may follow the close.
                for (int i = 0; i < 50 && log.messagesOf(ProxyProtocolGate.class.getName()).isEmpty(); i++) {
                    Thread.sleep(100);
                }
                assertThat(log.messagesOf(ProxyProtocolGate.class.getName()))
                        .anyMatch(m -> m.contains("did not begin with a PROXY protocol header") && m.contains("on port " + port));
            }
        }
    }

    @Test
    void aLocalHeaderIsTheProxysOwnHealthCheck() throws Exception {
        try (Socket s = proxied(ports().smtp(), ProxyHeaders.v2Local())) {
            assertThat(firstLine(s)).startsWith("220 ");
        }
    }

    @Test
    void implicitTlsPortsReadTheHeaderBeforeTheHandshake() throws Exception {
        try (Socket imaps = tls(proxied(ports().imaps(), ProxyHeaders.v2("198.51.100.60", 45000, 993)))) {
            assertThat(firstLine(imaps)).startsWith("* OK");
        }
        try (Socket smtps = tls(proxied(ports().smtps(), ProxyHeaders.v1("198.51.100.61", 45001, 465)))) {
            assertThat(firstLine(smtps)).startsWith("220 ");
        }
    }

    static Socket connect(int port, String from) throws IOException {
        Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0);
        s.setSoTimeout(30_000);
        return s;
    }

    static Socket proxied(int port, byte[] header) throws IOException {
        Socket s = connect(port, "127.0.0.1");
        s.getOutputStream().write(header);
        s.getOutputStream().flush();
        return s;
    }

    static Socket tls(Socket plain) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new SmtpDialogue.TrustAll()}, null);
        SSLSocket secured = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
        secured.startHandshake();
        return secured;
    }

    static String firstLine(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }
}
