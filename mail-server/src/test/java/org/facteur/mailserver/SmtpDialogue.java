package org.facteur.mailserver;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
    private InputStream in;
    private OutputStream out;

    public SmtpDialogue(int port) throws IOException {
        this(port, "127.0.0.1");
    }

    /** Connects from the given loopback address (127.0.0.0/8 all reach the server): a different client IP. */
    public SmtpDialogue(int port, String clientAddress) throws IOException {
        this(port, clientAddress, new byte[0]);
    }

    /** Connects from the given loopback address and sends {@code firstBytes} at once (a PROXY protocol header). */
    public SmtpDialogue(int port, String clientAddress, byte[] firstBytes) throws IOException {
        socket = new Socket(java.net.InetAddress.getByName("127.0.0.1"), port, java.net.InetAddress.getByName(clientAddress), 0);
        socket.setSoTimeout(30_000);
        attach();
        if (firstBytes.length > 0) {
            sendBytes(firstBytes);
        }
    }

    private void attach() throws IOException {
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Reads one (possibly multi-line) reply and returns it whole. */
    public String reply() throws IOException {
        StringBuilder sb = new StringBuilder();
        String line;
        do {
            line = readLine();
            if (line == null) {
                throw new IOException("connection closed; got so far: " + sb);
            }
            sb.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        return sb.toString();
    }

    private String readLine() throws IOException {
        return readLine(in);
    }

    /** Writes one reply line (CRLF added) and flushes it: for the small SMTP servers tests run as remotes. */
    public static void reply(java.io.OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One line up to LF (a CR before it is dropped; a bare CR elsewhere stays in the line, as SMTP frames it). */
    public static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
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

    /** One transaction after EHLO: MAIL, RCPT, DATA and the message (CRLF lines, without the final dot); 250 or an exception. */
    public String sendMessage(String from, String to, String message) throws IOException {
        for (String[] step : new String[][] {{"MAIL FROM:<" + from + ">", "250"}, {"RCPT TO:<" + to + ">", "250"},
                {"DATA", "354"}, {message + "\r\n.", "250"}}) {
            String reply = command(step[0]);
            if (!reply.startsWith(step[1])) {
                throw new IOException("expected " + step[1] + " to '" + step[0].lines().findFirst().orElse("") + "', got " + reply);
            }
        }
        return "250";
    }

    /** A session on a submission port: greeting, EHLO, STARTTLS, EHLO again, AUTH PLAIN answered 235, or an exception. */
    public static SmtpDialogue loggedIn(int submissionPort, String user, String password) throws Exception {
        SmtpDialogue smtp = new SmtpDialogue(submissionPort);
        smtp.greetAndEhlo();
        smtp.startTls();
        smtp.command("EHLO client.test");
        String auth = smtp.authPlain(user, password);
        if (!auth.startsWith("235")) {
            smtp.close();
            throw new IOException("AUTH of " + user + " answered " + auth);
        }
        return smtp;
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
