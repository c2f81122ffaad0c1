package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.facteur.mailserver.MailServerExtension;
import org.facteur.mailserver.SmtpDialogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * COMPRESS=DEFLATE (RFC 4978), which Thunderbird and K-9 use on slow links, is announced after login and works:
 * after {@code COMPRESS DEFLATE} both directions are raw deflate streams (java.util.zip, no zlib header), and
 * commands, literals and the pipelining sequencer keep working inside them (#15.14).
 */
class CompressDeflateIT {
    @RegisterExtension
    static final MailServerExtension mail = new MailServerExtension();

    @Test
    void commandsAndAnAppendWorkInsideTheDeflateStreams() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new SmtpDialogue.TrustAll()}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", mail.settings().ports().imaps())) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            out.write(("a LOGIN " + MailServerExtension.ALICE + " " + MailServerExtension.ALICE_PASSWORD + "\r\nb CAPABILITY\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String capabilities = until(in, "b ");
            assertThat(capabilities).contains("COMPRESS=DEFLATE");

            out.write("c COMPRESS DEFLATE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(until(in, "c ")).contains("c OK");

            // Lines are read byte by byte: InflaterInputStream.available() says 1 until the end of the stream, so a
            // Reader on it would wait for more input than the server has sent.
            InflaterInputStream zin = new InflaterInputStream(socket.getInputStream(), new Inflater(true));
            DeflaterOutputStream zout = new DeflaterOutputStream(socket.getOutputStream(), new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
            String message = "Subject: squeezed\r\n\r\n" + "the same words again ".repeat(200) + "\r\n";
            zout.write(("d SELECT INBOX\r\ne APPEND INBOX {" + message.length() + "+}\r\n" + message + "\r\n"
                    + "f UID SEARCH SUBJECT squeezed\r\ng FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            zout.flush();
            String replies = until(zin, "g ");
            assertThat(replies).contains("d OK", "e OK", "* SEARCH 1", "Subject: squeezed", "g OK");
            zout.write("h LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
            zout.flush();
            assertThat(until(zin, "h ")).contains("* BYE", "h OK");
        }
    }

    private static String until(InflaterInputStream in, String tagged) throws Exception {
        StringBuilder seen = new StringBuilder();
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
            line.reset();
            seen.append(text).append('\n');
            if (text.startsWith(tagged)) {
                return seen.toString();
            }
        }
        return seen.append("(closed)").toString();
    }

    private static String until(BufferedReader in, String tagged) throws Exception {
        StringBuilder seen = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith(tagged)) {
                return seen.toString();
            }
        }
        return seen.append("(closed)").toString();
    }
}
