package org.facteur.mailserver;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server that accepts everything and counts it, like Postfix's {@code smtp-sink}: the far end of
 * fan-out benchmarks. It records how many recipients were accepted in completed transactions and when the last
 * one completed.
 */
public final class SmtpSink implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger recipients = new AtomicInteger();
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong lastAccepted = new AtomicLong();

    public SmtpSink() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("smtp-sink").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Recipients of completed transactions (message accepted with 250 after DATA). */
    public int recipients() {
        return recipients.get();
    }

    public int transactions() {
        return transactions.get();
    }

    public int connections() {
        return connections.get();
    }

    /** {@link System#nanoTime()} of the last accepted message. */
    public long lastAcceptedNanos() {
        return lastAccepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                workers.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream()); OutputStream out = socket.getOutputStream()) {
            write(out, "220 sink ESMTP\r\n");
            int pending = 0;
            String line;
            while ((line = readLine(in)) != null) {
                String upper = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (upper) {
                    case "EHLO" -> write(out, "250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 104857600\r\n");
                    case "HELO" -> write(out, "250 sink\r\n");
                    case "MAIL" -> {
                        pending = 0;
                        write(out, "250 2.1.0 Ok\r\n");
                    }
                    case "RCPT" -> {
                        pending++;
                        write(out, "250 2.1.5 Ok\r\n");
                    }
                    case "DATA" -> {
                        write(out, "354 End data with <CR><LF>.<CR><LF>\r\n");
                        while ((line = readLine(in)) != null && !line.equals(".")) {
                            // discard the message
                        }
                        recipients.addAndGet(pending);
                        transactions.incrementAndGet();
                        lastAccepted.set(System.nanoTime());
                        pending = 0;
                        write(out, "250 2.0.0 Ok: queued\r\n");
                    }
                    case "QUIT" -> {
                        write(out, "221 2.0.0 Bye\r\n");
                        return;
                    }
                    default -> write(out, "250 Ok\r\n");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
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

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
    }
}
