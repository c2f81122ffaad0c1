package org.facteur.mailserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote MTA that answers every RCPT with 550 5.1.1 (GreenMail accepts every recipient, so it
 * cannot play a server that rejects an address).
 */
final class RejectingSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;
    final AtomicInteger rejected = new AtomicInteger();

    RejectingSmtpServer() throws IOException {
        socket = new ServerSocket(0);
        thread = new Thread(this::serve, "rejecting-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket c = socket.accept()) {
                c.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = c.getOutputStream();
                write(out, "220 rejecting.test ESMTP");
                String line;
                while ((line = in.readLine()) != null) {
                    String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    switch (cmd) {
                        case "EHLO", "HELO" -> write(out, "250 rejecting.test");
                        case "MAIL" -> write(out, "250 2.1.0 OK");
                        case "RCPT" -> {
                            rejected.incrementAndGet();
                            write(out, "550 5.1.1 No such user here");
                        }
                        case "RSET", "NOOP" -> write(out, "250 OK");
                        case "QUIT" -> {
                            write(out, "221 Bye");
                            return;
                        }
                        default -> write(out, "503 5.5.1 Bad sequence");
                    }
                }
            } catch (IOException e) {
                // next connection
            }
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
