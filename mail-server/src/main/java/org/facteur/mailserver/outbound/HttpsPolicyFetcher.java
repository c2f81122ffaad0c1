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

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.facteur.mailserver.dns.MtaStsPolicy;

/**
 * GET {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} as RFC 8461 §3.3 asks: the host is resolved through
 * Facteur's DNS servers (not the JDK's resolver, so {@code FACTEUR_DNS_SERVERS} holds here too), the certificate must
 * chain to an {@link OutboundTrust} anchor and name the host, redirects are not followed, only 200 with
 * {@code text/plain} counts, the answer is read up to 64 KiB, and connecting and reading each have a timeout.
 */
public final class HttpsPolicyFetcher implements PolicyFetcher {
    static final int MAX_BYTES = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Addresses of a host name. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> addresses(String host) throws IOException;
    }

    private final Resolver resolver;
    private final SSLContext trust;
    private final int port;

    public HttpsPolicyFetcher(Resolver resolver, SSLContext trust) {
        this(resolver, trust, 443);
    }

    /** On another port than 443: for tests that cannot bind it. */
    HttpsPolicyFetcher(Resolver resolver, SSLContext trust, int port) {
        this.resolver = resolver;
        this.trust = trust;
        this.port = port;
    }

    @Override
    public MtaStsPolicy fetch(String domain) throws IOException {
        String host = "mta-sts." + domain.toLowerCase(Locale.ROOT);
        List<InetAddress> addresses = resolver.addresses(host);
        if (addresses.isEmpty()) {
            throw new IOException(host + " has no address");
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            try {
                return MtaStsPolicy.parse(get(host, address));
            } catch (IllegalArgumentException e) {
                throw new IOException("The policy of " + domain + " is not valid: " + e.getMessage(), e);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private String get(String host, InetAddress address) throws IOException {
        int timeout = (int) TIMEOUT.toMillis();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), timeout);
            plain.setSoTimeout(timeout);
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
        for (int i = 1; i < head.length; i++) {
            String h = head[i].toLowerCase(Locale.ROOT);
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
        if (body.length > MAX_BYTES) {
            throw new IOException("The policy is larger than " + MAX_BYTES + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
