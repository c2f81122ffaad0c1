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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.facteur.mailserver.dns.MtaStsPolicy;

/**
 * GET {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} as RFC 8461 §3.3 asks: the host is resolved through
 * Facteur's DNS servers (not the JDK's resolver, so {@code FACTEUR_DNS_SERVERS} holds here too), the certificate must
 * chain to an {@link OutboundTrust} anchor and name the host, redirects are not followed, only 200 with
 * {@code text/plain} counts, the answer is read up to 64 KiB, and the whole fetch (every address, connecting, the
 * handshake, reading) must end within {@link #DEADLINE}: the fetch runs on a spooler thread, and a policy host that
 * answers one byte at a time must not hold it longer (the socket is closed at the deadline).
 */
public final class HttpsPolicyFetcher implements PolicyFetcher {
    static final int MAX_BYTES = 64 * 1024;
    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "facteur-mta-sts-deadline");
        t.setDaemon(true);
        return t;
    });

    /** Addresses of a host name. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> addresses(String host) throws IOException;
    }

    private final Resolver resolver;
    private final SSLContext trust;
    private final int port;
    private final Duration deadline;

    public HttpsPolicyFetcher(Resolver resolver, SSLContext trust) {
        this(resolver, trust, 443, DEADLINE);
    }

    /** On another port than 443 and with another deadline: for tests that cannot bind 443 or wait 30 s. */
    HttpsPolicyFetcher(Resolver resolver, SSLContext trust, int port, Duration deadline) {
        this.resolver = resolver;
        this.trust = trust;
        this.port = port;
        this.deadline = deadline;
    }

    @Override
    public MtaStsPolicy fetch(String domain) throws IOException {
        String host = "mta-sts." + domain.toLowerCase(Locale.ROOT);
        List<InetAddress> addresses = resolver.addresses(host);
        if (addresses.isEmpty()) {
            throw new IOException(host + " has no address");
        }
        long end = System.nanoTime() + deadline.toNanos();
        IOException last = null;
        for (InetAddress address : addresses) {
            try {
                return MtaStsPolicy.parse(get(host, address, end));
            } catch (IllegalArgumentException e) {
                throw new IOException("The policy of " + domain + " is not valid: " + e.getMessage(), e);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** One address, until {@code end} ({@link System#nanoTime()}): then the socket is closed under the reads. */
    private String get(String host, InetAddress address, long end) throws IOException {
        long left = end - System.nanoTime();
        if (left <= 0) {
            throw new IOException("The policy of " + host + " took longer than " + deadline.toSeconds() + " s");
        }
        try (Socket plain = new Socket()) {
            AtomicBoolean late = new AtomicBoolean();
            ScheduledFuture<?> closing = WATCHDOG.schedule(() -> {
                late.set(true);
                closeQuietly(plain);
            }, left, TimeUnit.NANOSECONDS);
            try {
                String policy = get(host, plain, address, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                if (late.get()) {
                    throw new IOException("closed at the deadline");
                }
                return policy;
            } catch (IOException e) {
                throw late.get() ? new IOException("The policy of " + host + " took longer than " + deadline.toSeconds()
                        + " s", e) : e;
            } finally {
                closing.cancel(false);
            }
        }
    }

    private String get(String host, Socket plain, InetAddress address, int timeoutMillis) throws IOException {
        plain.connect(new InetSocketAddress(address, port), timeoutMillis);
        plain.setSoTimeout(timeoutMillis);
        try (SSLSocket tls = (SSLSocket) OutboundTrustSocketFactory.checked(
                trust.getSocketFactory().createSocket(plain, host, port, true), host)) {
            tls.startHandshake();
            OutputStream out = tls.getOutputStream();
            out.write(("GET /.well-known/mta-sts.txt HTTP/1.0\r\nHost: " + host
                    + "\r\nUser-Agent: Facteur\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return body(host, readUpTo(tls.getInputStream()));
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing to stop a fetch past its deadline: nothing more to do
        }
    }

    private static byte[] readUpTo(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            answer.write(buffer, 0, n);
            if (answer.size() > MAX_BYTES + 8192) {
                throw new IOException("The policy answer is larger than " + MAX_BYTES + " bytes");
            }
        }
        return answer.toByteArray();
    }

    /** The body of a 200 {@code text/plain} answer, or why not. */
    static String body(String host, byte[] answer) throws IOException {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("No complete HTTP answer from " + host);
        }
        String[] head = text.substring(0, end).split("\r\n");
        String[] status = head[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].equals("200")) {
            throw new IOException(host + " answered '" + head[0] + "' (only 200 counts, redirects are not followed)");
        }
        boolean plainText = false;
        long length = -1;
        for (int i = 1; i < head.length; i++) {
            String h = head[i].toLowerCase(Locale.ROOT);
            if (h.startsWith("content-length:")) {
                try {
                    length = Long.parseLong(h.substring(15).strip());
                } catch (NumberFormatException e) {
                    throw new IOException(host + " answered an invalid Content-Length");
                }
            }
            if (h.startsWith("content-type:") && h.substring(13).strip().startsWith("text/plain")) {
                plainText = true;
            }
            if (h.startsWith("transfer-encoding:")) {
                throw new IOException(host + " answered an HTTP/1.0 request with a transfer encoding");
            }
        }
        if (!plainText) {
            throw new IOException(host + " did not serve the policy as text/plain");
        }
        byte[] body = java.util.Arrays.copyOfRange(answer, end + 4, answer.length);
        if (length >= 0 && body.length != length) {
            throw new IOException("The policy from " + host + " was cut short: " + body.length + " of " + length + " bytes");
        }
        if (body.length > MAX_BYTES) {
            throw new IOException("The policy is larger than " + MAX_BYTES + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
