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
 * A remote MTA that answers every RCPT with 550 5.1.1, or with the reply it is given (GreenMail accepts every recipient,
 * so it cannot play a server that rejects an address). Told to answer {@code 250}, it takes the message and counts it.
 */
final class RejectingSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;
    final AtomicInteger rejected = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    private volatile String rcptReply;

    RejectingSmtpServer() throws IOException {
        this("550 5.1.1 No such user here");
    }

    /** Answers every RCPT with {@code rcptReply} ({@code 451 4.3.0 ...}, {@code 550 5.7.1 ...}). */
    RejectingSmtpServer(String rcptReply) throws IOException {
        this.rcptReply = rcptReply;
        socket = new ServerSocket(0);
        thread = new Thread(this::serve, "rejecting-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    /** From now on, answers RCPT with this reply. */
    void answer(String reply) {
        this.rcptReply = reply;
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
                session:
                while ((line = in.readLine()) != null) {
                    String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    switch (cmd) {
                        case "EHLO", "HELO" -> write(out, "250 rejecting.test");
                        case "MAIL" -> write(out, "250 2.1.0 OK");
                        case "RCPT" -> {
                            String reply = rcptReply;
                            if (!reply.startsWith("2")) {
                                rejected.incrementAndGet();
                            }
                            write(out, reply);
                        }
                        case "DATA" -> {
                            write(out, "354 End data with <CR><LF>.<CR><LF>");
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                // the message is not kept
                            }
                            accepted.incrementAndGet();
                            write(out, "250 2.0.0 Accepted");
                        }
                        case "RSET", "NOOP" -> write(out, "250 OK");
                        case "QUIT" -> {
                            write(out, "221 Bye");
                            break session; // the next connection is served too
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
