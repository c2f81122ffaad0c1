package org.facteur.mailserver.outbound;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.facteur.mailserver.SmtpDialogue;

/**
 * A remote MX for outbound TLS tests: it offers STARTTLS with the given TLS identity (or does not offer it at all),
 * accepts every message and records, for each one, its recipients and whether it came over TLS. Handshakes that
 * completed and handshakes that failed (a client refusing the certificate) are counted.
 */
public final class TlsSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final SSLContext tls;
    private final boolean brokenTls;
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger failedHandshakes = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    /** One accepted message: its recipients, whether the session had completed STARTTLS, the TLS protocol. */
    public record Received(List<String> recipients, boolean overTls, String protocol) {
    }

    /** On a free loopback port. @param tls the identity STARTTLS presents, or null to not offer STARTTLS */
    public TlsSmtpServer(SSLContext tls) throws IOException {
        this(tls, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    public TlsSmtpServer(SSLContext tls, InetSocketAddress bind) throws IOException {
        this(tls, bind, false);
    }

    /**
     * A remote that offers STARTTLS, answers it with 220 and then sends clear text instead of a TLS handshake, as a
     * broken TLS stack or a middlebox would: the client's handshake fails whatever it trusts.
     */
    public static TlsSmtpServer withBrokenStartTls() throws IOException {
        return new TlsSmtpServer(TestCertificates.selfSigned("broken.test").serverContext(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), true);
    }

    private TlsSmtpServer(SSLContext tls, InetSocketAddress bind, boolean brokenTls) throws IOException {
        this.tls = tls;
        this.brokenTls = brokenTls;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind, 50);
        Thread.ofPlatform().daemon().name("tls-smtp").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> messages() {
        return List.copyOf(messages);
    }

    public int handshakes() {
        return handshakes.get();
    }

    public int failedHandshakes() {
        return failedHandshakes.get();
    }

    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        Socket socket = plain;
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            SmtpDialogue.reply(out, "220 remote ESMTP");
            String protocol = null;
            List<String> rcpts = new ArrayList<>();
            for (String line; (line = SmtpDialogue.readLine(in)) != null; ) {
                String verb = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
                if (verb.equals("STAR") && tls != null && protocol == null) {
                    SmtpDialogue.reply(out, "220 2.0.0 go ahead");
                    SSLSocket ssl = startTls(plain, out);
                    protocol = ssl.getSession().getProtocol();
                    socket = ssl;
                    in = new BufferedInputStream(ssl.getInputStream());
                    out = ssl.getOutputStream();
                    continue;
                }
                if (verb.equals("QUIT")) {
                    SmtpDialogue.reply(out, "221 bye");
                    return;
                }
                if (verb.equals("DATA")) {
                    SmtpDialogue.reply(out, "354 go on");
                    while ((line = SmtpDialogue.readLine(in)) != null && !line.equals(".")) {
                        // the content does not matter here
                    }
                    messages.add(new Received(List.copyOf(rcpts), protocol != null, protocol));
                }
                String offer = tls != null && protocol == null ? "250-STARTTLS\r\n" : "";
                SmtpDialogue.reply(out, switch (verb) {
                    case "EHLO" -> "250-remote\r\n" + offer + "250 8BITMIME";
                    case "MAIL" -> {
                        rcpts = new ArrayList<>();
                        yield "250 OK";
                    }
                    case "RCPT" -> {
                        rcpts.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
                        yield "250 OK";
                    }
                    case "DATA" -> "250 kept";
                    default -> "250 OK";
                });
            }
        } catch (IOException e) {
            // the client went away or refused the handshake
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** The server side of the handshake on this connection (or clear text instead, for a broken remote). */
    private SSLSocket startTls(Socket plain, OutputStream out) throws IOException {
        if (brokenTls) {
            failedHandshakes.incrementAndGet();
            SmtpDialogue.reply(out, "this is not a TLS record");
            throw new IOException("broken on purpose");
        }
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        ssl.setUseClientMode(false);
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            failedHandshakes.incrementAndGet();
            throw e;
        }
        handshakes.incrementAndGet();
        return ssl;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
