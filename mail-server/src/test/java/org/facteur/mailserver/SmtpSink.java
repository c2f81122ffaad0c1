package org.facteur.mailserver;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server that accepts everything and counts it, like Postfix's {@code smtp-sink}: the far end of
 * fan-out benchmarks. It records how many recipients were accepted in completed transactions and when the last
 * one completed, and the envelope (MAIL FROM and RCPT TO arguments) of each completed transaction.
 */
public final class SmtpSink implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger recipients = new AtomicInteger();
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger signed = new AtomicInteger();
    private final AtomicLong lastAccepted = new AtomicLong();
    private final List<Envelope> envelopes = new CopyOnWriteArrayList<>();

    /** The reverse path ({@code <>} for the null sender) and forward paths of one accepted message. */
    public record Envelope(String sender, List<String> recipients) {
    }

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

    /** Envelopes of the accepted messages, in order. */
    public List<Envelope> envelopes() {
        return List.copyOf(envelopes);
    }

    /** Accepted messages whose header carries at least one {@code DKIM-Signature} field. */
    public int signed() {
        return signed.get();
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
            String sender = "";
            List<String> rcpts = new ArrayList<>();
            String line;
            while ((line = SmtpDialogue.readLine(in)) != null) {
                String upper = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (upper) {
                    case "EHLO" -> write(out, "250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 104857600\r\n");
                    case "HELO" -> write(out, "250 sink\r\n");
                    case "MAIL" -> {
                        pending = 0;
                        sender = path(line);
                        rcpts = new ArrayList<>();
                        write(out, "250 2.1.0 Ok\r\n");
                    }
                    case "RCPT" -> {
                        pending++;
                        rcpts.add(path(line));
                        write(out, "250 2.1.5 Ok\r\n");
                    }
                    case "DATA" -> {
                        write(out, "354 End data with <CR><LF>.<CR><LF>\r\n");
                        boolean inHeader = true;
                        boolean hasSignature = false;
                        while ((line = SmtpDialogue.readLine(in)) != null && !line.equals(".")) {
                            // discard the message, noting only whether its header is DKIM-signed
                            if (inHeader) {
                                inHeader = !line.isEmpty();
                                hasSignature |= line.regionMatches(true, 0, "DKIM-Signature:", 0, 15);
                            }
                        }
                        if (hasSignature) {
                            signed.incrementAndGet();
                        }
                        recipients.addAndGet(pending);
                        transactions.incrementAndGet();
                        envelopes.add(new Envelope(sender, List.copyOf(rcpts)));
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

    /** The address between the angle brackets of a MAIL or RCPT line ({@code ""} for {@code <>}). */
    private static String path(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open < 0 || close < 0 ? line : line.substring(open + 1, close);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
    }
}
