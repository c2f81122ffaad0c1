package org.facteur.mailserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IMAP abuse (the CVE-2024-37358 family: huge literals) is refused before James reads it, and the
 * server keeps serving; LOGIN before STARTTLS is refused; a normal literal (APPEND) still works.
 */
class ImapHostileInputIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @AfterEach
    void stillServes() throws Exception {
        assertThat(mail.client().count("alice@example.org", "S3cret-pass", "INBOX")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void loginBeforeStartTlsIsRefused() throws Exception {
        try (Imap imap = new Imap(false)) {
            assertThat(imap.command("a1 CAPABILITY")).contains("LOGINDISABLED").contains("STARTTLS");
            assertThat(imap.command("a2 LOGIN alice@example.org S3cret-pass")).containsPattern("a2 (NO|BAD)");
        }
    }

    @Test
    void aFourGigabyteLiteralIsRefusedNotBuffered() throws Exception {
        try (Imap imap = new Imap(true)) {
            assertThat(imap.command("a1 LOGIN alice@example.org S3cret-pass")).contains("a1 OK");
            imap.send("a2 APPEND INBOX {4294967295}\r\n");
            String reply = imap.readUntilTaggedOrClosed("a2");
            System.out.println("[imap-hostile] APPEND {4294967295} -> " + reply.strip());
            assertThat(reply).startsWith("a2 NO [TOOBIG]");
        }
    }

    @Test
    void aNonSynchronizingLiteralOverTheLimitIsRefusedToo() throws Exception {
        try (Imap imap = new Imap(true)) {
            assertThat(imap.command("a1 LOGIN alice@example.org S3cret-pass")).contains("a1 OK");
            imap.send("a2 APPEND INBOX {60000000+}\r\n" + "x".repeat(10_000));
            assertThat(imap.readUntilTaggedOrClosed("a2")).startsWith("a2 NO [TOOBIG]");
        }
    }

    @Test
    void literalsWithinTheLimitStillWorkEvenWhenTheyLookLikeLiterals() throws Exception {
        String message = "Subject: braces\r\n\r\nThis line ends like a literal {99999999999}\r\nbye\r\n";
        try (Imap imap = new Imap(true)) {
            assertThat(imap.command("a1 LOGIN alice@example.org S3cret-pass")).contains("a1 OK");
            imap.send("a2 APPEND INBOX {" + message.length() + "+}\r\n" + message + "\r\n");
            assertThat(imap.readUntilTaggedOrClosed("a2")).contains("a2 OK");
            assertThat(imap.command("a3 SELECT INBOX")).contains("a3 OK");
        }
    }

    @Test
    void anUnterminatedLiteralBeforeLoginDoesNotHang() throws Exception {
        try (Imap imap = new Imap(true)) {
            imap.send("a1 LOGIN {100000000}\r\n");
            String reply = imap.readUntilTaggedOrClosed("a1");
            System.out.println("[imap-hostile] unauthenticated LOGIN {100000000} -> " + reply.strip());
            assertThat(reply).startsWith("a1 NO [TOOBIG]");
        }
    }

    @Test
    void aNegativeOrNonNumericLiteralSizeGetsBadInsteadOfAContinuationThatHangs() throws Exception {
        for (String literal : new String[] {"{-1}", "{-1+}", "{}", "{1e3}", "{ 12}"}) {
            try (Imap imap = new Imap(true)) {
                assertThat(imap.command("a1 LOGIN alice@example.org S3cret-pass")).contains("a1 OK");
                imap.send("a2 APPEND INBOX " + literal + "\r\n");
                String reply = imap.readUntilTaggedOrClosed("a2");
                assertThat(reply).as("APPEND with %s", literal).startsWith("a2 BAD").doesNotStartWith("+");
            }
        }
    }

    /** A raw IMAP connection on the STARTTLS port. */
    static final class Imap implements AutoCloseable {
        private Socket socket;
        private BufferedReader in;
        private OutputStream out;

        Imap(boolean startTls) throws Exception {
            socket = new Socket("127.0.0.1", mail.settings().ports().imap());
            socket.setSoTimeout(20_000);
            attach();
            in.readLine();
            if (startTls) {
                assertThat(command("t0 STARTTLS")).contains("t0 OK");
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new SmtpDialogue.TrustAll()}, null);
                SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
                tls.startHandshake();
                socket = tls;
                attach();
            }
        }

        private void attach() throws IOException {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void send(String raw) throws IOException {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String command(String line) throws IOException {
            send(line + "\r\n");
            return readUntilTaggedOrClosed(line.substring(0, line.indexOf(' ')));
        }

        /** Reads lines until the tagged reply, a continuation request, or the server closing. */
        String readUntilTaggedOrClosed(String tag) throws IOException {
            StringBuilder sb = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                sb.append(line).append('\n');
                if (line.startsWith(tag + " ") || line.startsWith("+") || line.startsWith("* BYE")) {
                    break;
                }
            }
            return sb.length() == 0 ? "(connection closed)" : sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
