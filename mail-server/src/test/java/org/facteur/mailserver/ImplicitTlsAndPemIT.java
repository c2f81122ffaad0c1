package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;

import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configured PEM certificate is the one served; implicit TLS on SMTPS and IMAPS works; the IMAP
 * extensions mail clients rely on are announced.
 */
class ImplicitTlsAndPemIT {
    @TempDir
    static Path data;
    static FacteurMailServer server;
    static MailServerSettings settings;

    @BeforeAll
    static void start() throws Exception {
        Path cert = data.resolve("cert.pem");
        Path key = data.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=pem.facteur.test", "-addext", "subjectAltName=DNS:pem.facteur.test,IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).isZero();
        MailServerSettings base = TestMailServers.settings(data);
        settings = new MailServerSettings(base.dataDir(), base.hostname(), base.bindAddress(), base.ports(),
                new MailServerSettings.Tls(Optional.of(cert), Optional.of(key)), base.limits(), base.outbound(),
                base.spoolerThreads(), base.lists());
        server = FacteurMailServer.start(settings);
        server.admin().addDomain("example.org");
        server.admin().addUser("alice@example.org", "S3cret-pass");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void imapsServesTheConfiguredCertificate() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new SmtpDialogue.TrustAll()}, null);
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", settings.ports().imaps())) {
            socket.startHandshake();
            X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(presented.getSubjectX500Principal().getName()).isEqualTo("CN=pem.facteur.test");
        }
    }

    @Test
    void submissionOverImplicitTlsAndImapsWork() throws Exception {
        Session session = new MailClient(settings.ports()).implicitTlsSession();
        MailClient helper = new MailClient(settings.ports());
        var message = helper.message("alice@example.org", "alice@example.org", "over smtps", "implicit TLS");
        try (Transport t = session.getTransport("smtps")) {
            t.connect("alice@example.org", "S3cret-pass");
            message.saveChanges();
            t.sendMessage(message, message.getAllRecipients());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Store store = session.getStore("imaps")) {
                store.connect("alice@example.org", "S3cret-pass");
                var inbox = store.getFolder("INBOX");
                return inbox.getMessageCount() == 1;
            }
        });
    }

    @Test
    void imapAnnouncesTheExtensionsClientsUse() throws Exception {
        try (Store store = new MailClient(settings.ports()).imap("alice@example.org", "S3cret-pass")) {
            IMAPStore imap = (IMAPStore) store;
            for (String capability : new String[] {"IDLE", "MOVE", "UIDPLUS", "SPECIAL-USE", "QUOTA", "CONDSTORE", "QRESYNC"}) {
                assertThat(imap.hasCapability(capability)).as(capability).isTrue();
            }
        }
    }
}
