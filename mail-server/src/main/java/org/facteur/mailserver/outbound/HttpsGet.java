package org.facteur.mailserver.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One bounded HTTPS GET for the small documents other domains publish for us (an MTA-STS policy, a Web Key Directory
 * key): the host is resolved by the given {@link Resolver} (Facteur's DNS servers, not the JDK's resolver), the
 * certificate must chain to the trust anchors given and name the host (checked in the handshake, before any request is
 * written), redirects are not followed, the answer is read up to a size, and the whole GET (every address, connecting,
 * the handshake, reading) ends within one deadline: a host that answers one byte at a time must not hold the caller's
 * thread longer (the socket is closed at the deadline).
 */
public final class HttpsGet {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "facteur-https-deadline");
        t.setDaemon(true);
        return t;
    });

    /** Addresses of a host name. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> addresses(String host) throws IOException;
    }

    /** A complete answer: its status, its header fields (names in lower case, the last of a repeated one) and body. */
    public record Answer(int status, String statusLine, Map<String, String> headers, byte[] body) {
        /** The media type without parameters, in lower case; "" when none was given. */
        public String mediaType() {
            String type = headers.getOrDefault("content-type", "");
            int semicolon = type.indexOf(';');
            return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        }
    }

    private final Resolver resolver;
    private final SSLContext trust;
    private final int port;
    private final Duration deadline;
    private final int maxBytes;

    public HttpsGet(Resolver resolver, SSLContext trust, int port, Duration deadline, int maxBytes) {
        this.resolver = resolver;
        this.trust = trust;
        this.port = port;
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    /** GET {@code https://host/pathAndQuery}, each address of the host in turn until one answers. */
    public Answer get(String host, String pathAndQuery) throws IOException {
        List<InetAddress> addresses = resolver.addresses(host);
        if (addresses.isEmpty()) {
            throw new java.net.UnknownHostException(host + " has no address");
        }
        long end = System.nanoTime() + deadline.toNanos();
        IOException last = null;
        for (InetAddress address : addresses) {
            try {
                return parse(host, get(host, pathAndQuery, address, end), maxBytes);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** One address, until {@code end} ({@link System#nanoTime()}): then the socket is closed under the reads. */
    private byte[] get(String host, String pathAndQuery, InetAddress address, long end) throws IOException {
        long left = end - System.nanoTime();
        if (left <= 0) {
            throw late(host);
        }
        try (Socket plain = new Socket()) {
            AtomicBoolean late = new AtomicBoolean();
            ScheduledFuture<?> closing = WATCHDOG.schedule(() -> {
                late.set(true);
                closeQuietly(plain);
            }, left, TimeUnit.NANOSECONDS);
            try {
                byte[] answer = get(host, pathAndQuery, plain, address, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                if (late.get()) {
                    throw new IOException("closed at the deadline");
                }
                return answer;
            } catch (IOException e) {
                if (late.get()) {
                    IOException timedOut = late(host);
                    timedOut.initCause(e);
                    throw timedOut;
                }
                throw e;
            } finally {
                closing.cancel(false);
            }
        }
    }

    private IOException late(String host) {
        return new IOException(host + " took longer than " + deadline.toSeconds() + " s to answer");
    }

    private byte[] get(String host, String pathAndQuery, Socket plain, InetAddress address, int timeoutMillis)
            throws IOException {
        plain.connect(new InetSocketAddress(address, port), timeoutMillis);
        plain.setSoTimeout(timeoutMillis);
        try (SSLSocket tls = (SSLSocket) OutboundTrustSocketFactory.checked(
                trust.getSocketFactory().createSocket(plain, host, port, true), host)) {
            tls.startHandshake();
            OutputStream out = tls.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.0\r\nHost: " + host
                    + "\r\nUser-Agent: Facteur\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readUpTo(tls.getInputStream(), maxBytes);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing to stop a GET past its deadline: nothing more to do
        }
    }

    private static byte[] readUpTo(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            answer.write(buffer, 0, n);
            if (answer.size() > maxBytes + 8192) {
                throw new IOException("The answer is larger than " + maxBytes + " bytes");
            }
        }
        return answer.toByteArray();
    }

    /** The complete answer in these bytes, or why there is none: cut short, too large, or with a transfer encoding. */
    static Answer parse(String host, byte[] answer, int maxBytes) throws IOException {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("No complete HTTP answer from " + host);
        }
        String[] head = text.substring(0, end).split("\r\n");
        String[] status = head[0].split(" ", 3);
        int code;
        try {
            code = status.length < 2 || !status[0].startsWith("HTTP/1.") ? -1 : Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (code < 100 || code > 599) {
            throw new IOException(host + " did not answer in HTTP: '" + head[0] + "'");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon > 0) {
                headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
            }
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new IOException(host + " answered an HTTP/1.0 request with a transfer encoding");
        }
        byte[] body = java.util.Arrays.copyOfRange(answer, end + 4, answer.length);
        if (headers.containsKey("content-length")) {
            long length;
            try {
                length = Long.parseLong(headers.get("content-length"));
            } catch (NumberFormatException e) {
                throw new IOException(host + " answered an invalid Content-Length");
            }
            if (body.length != length) {
                throw new IOException("The answer from " + host + " was cut short: " + body.length + " of " + length + " bytes");
            }
        }
        if (body.length > maxBytes) {
            throw new IOException("The answer from " + host + " is larger than " + maxBytes + " bytes");
        }
        return new Answer(code, head[0], Map.copyOf(headers), body);
    }
}
