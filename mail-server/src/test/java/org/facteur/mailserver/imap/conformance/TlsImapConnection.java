package org.facteur.mailserver.imap.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.facteur.mailserver.SmtpDialogue;

/**
 * One IMAP connection the way Facteur's members connect: plain TCP to the IMAP port, the greeting,
 * {@code STARTTLS}, then TLS. Lines are read and written as bytes (ISO-8859-1 in, US-ASCII out), the way
 * James's MPT sessions do.
 */
final class TlsImapConnection implements AutoCloseable {
    private static final String STARTTLS_TAG = "tls0";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String greeting;

    private TlsImapConnection(Socket socket, String greeting) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.greeting = greeting;
    }

    /** Connects, reads the greeting, upgrades with STARTTLS; {@code readTimeout} bounds every read. */
    static TlsImapConnection open(InetSocketAddress server, InetAddress source, Duration readTimeout) throws IOException {
        Socket plain = new Socket();
        try {
            if (source != null) {
                plain.bind(new InetSocketAddress(source, 0));
            }
            plain.connect(server, (int) readTimeout.toMillis());
            plain.setSoTimeout((int) readTimeout.toMillis());
            InputStream plainIn = new BufferedInputStream(plain.getInputStream());
            String greeting = readLine(plainIn);
            plain.getOutputStream().write((STARTTLS_TAG + " STARTTLS\r\n").getBytes(StandardCharsets.US_ASCII));
            String line;
            do {
                line = readLine(plainIn);
            } while (!line.startsWith(STARTTLS_TAG + " "));
            if (!line.startsWith(STARTTLS_TAG + " OK")) {
                throw new IOException("STARTTLS refused: " + line);
            }
            if (plainIn.available() > 0) {
                throw new IOException("the server sent bytes after its STARTTLS answer, before the TLS handshake");
            }
            SSLSocket tls = (SSLSocket) trustingAnyCertificate().getSocketFactory()
                    .createSocket(plain, server.getHostString(), server.getPort(), true);
            tls.setSoTimeout((int) readTimeout.toMillis());
            tls.startHandshake();
            return new TlsImapConnection(tls, greeting);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** The test server's certificate is self-signed: the handshake is what matters here, not who signed it. */
    private static SSLContext trustingAnyCertificate() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new SmtpDialogue.TrustAll()}, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("no TLS here", e);
        }
    }

    /** The server's first line, read before STARTTLS. */
    String greeting() {
        return greeting;
    }

    /**
     * The next line without its CRLF; fails when the server stays silent for the read timeout. After the server
     * closed the connection, what was read (usually nothing) is the line, as in MPT's own external session.
     */
    String readLine() throws IOException {
        try {
            return readLine(in);
        } catch (ClosedByServer closed) {
            return closed.partialLine;
        }
    }

    void writeLine(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b == -1) {
                    throw new ClosedByServer(line.toString(StandardCharsets.ISO_8859_1));
                }
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no complete line from the server within the read timeout"
                    + (line.size() > 0 ? " (got '" + line.toString(StandardCharsets.ISO_8859_1) + "')" : ""));
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static final class ClosedByServer extends EOFException {
        private final String partialLine;

        ClosedByServer(String partialLine) {
            super("the server closed the connection" + (partialLine.isEmpty() ? "" : " after '" + partialLine + "'"));
            this.partialLine = partialLine;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
