package org.facteur.mailserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A raw SMTP client for tests that need exact replies and exact bytes on the wire. */
public final class SmtpDialogue implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    public SmtpDialogue(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        attach();
    }

    private void attach() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    /** Reads one (possibly multi-line) reply and returns it whole. */
    public String reply() throws IOException {
        StringBuilder sb = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed; got so far: " + sb);
            }
            sb.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        return sb.toString();
    }

    public String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    public void send(String raw) throws IOException {
        sendBytes(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    public String greetAndEhlo() throws IOException {
        reply();
        return command("EHLO client.test");
    }

    public void startTls() throws Exception {
        String r = command("STARTTLS");
        if (!r.startsWith("220")) {
            throw new IOException("STARTTLS refused: " + r);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new TrustAll()}, null);
        SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.startHandshake();
        socket = tls;
        attach();
    }

    public String authPlain(String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    public static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
