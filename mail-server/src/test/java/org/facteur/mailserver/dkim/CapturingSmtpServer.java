package org.facteur.mailserver.dkim;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A remote SMTP server for tests that keeps each message's bytes exactly as they arrived (dot-unstuffed), with its
 * envelope sender; it accepts the null sender {@code <>} of DSNs and away replies, and announces 8BITMIME or not.
 */
public final class CapturingSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final boolean eightBitMime;

    public record Received(String sender, byte[] data) {
    }

    public CapturingSmtpServer() throws IOException {
        this(true);
    }

    /** @param eightBitMime whether EHLO announces 8BITMIME (old servers do not: 8-bit mail is then converted) */
    public CapturingSmtpServer(boolean eightBitMime) throws IOException {
        this.eightBitMime = eightBitMime;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("capturing-smtp").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> messages() {
        return messages;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream()); OutputStream out = socket.getOutputStream()) {
            reply(out, "220 capture ESMTP");
            String sender = "";
            for (String line; (line = readLine(in)) != null; ) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-capture\r\n" + (eightBitMime ? "250-8BITMIME\r\n" : "") + "250 PIPELINING");
                } else if (upper.startsWith("MAIL FROM:")) {
                    sender = line.substring(10).strip();
                    reply(out, "250 OK");
                } else if (upper.startsWith("DATA")) {
                    reply(out, "354 go on");
                    ByteArrayOutputStream data = new ByteArrayOutputStream();
                    for (String l; (l = readLine(in)) != null && !l.equals("."); ) {
                        data.writeBytes((l.startsWith(".") ? l.substring(1) : l).getBytes(StandardCharsets.ISO_8859_1));
                        data.writeBytes(new byte[] {'\r', '\n'});
                    }
                    messages.add(new Received(sender, data.toByteArray()));
                    reply(out, "250 kept");
                } else if (upper.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return null;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
