package org.facteur.mailserver.outbound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.SSLContext;

import org.facteur.mailserver.dns.MtaStsPolicy;

/**
 * GET {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} as RFC 8461 §3.3 asks, through {@link HttpsGet}: the
 * host resolved through Facteur's DNS servers, the certificate chained to an {@link OutboundTrust} anchor and naming
 * the host, no redirect followed, only 200 with {@code text/plain} counting, at most 64 KiB read, and the whole fetch
 * within {@link #DEADLINE} (it runs on a spooler thread).
 */
public final class HttpsPolicyFetcher implements PolicyFetcher {
    static final int MAX_BYTES = 64 * 1024;
    static final Duration DEADLINE = Duration.ofSeconds(30);

    private final HttpsGet https;

    public HttpsPolicyFetcher(HttpsGet.Resolver resolver, SSLContext trust) {
        this(resolver, trust, 443, DEADLINE);
    }

    /** On another port than 443 and with another deadline: for tests that cannot bind 443 or wait 30 s. */
    HttpsPolicyFetcher(HttpsGet.Resolver resolver, SSLContext trust, int port, Duration deadline) {
        this.https = new HttpsGet(resolver, trust, port, deadline, MAX_BYTES);
    }

    @Override
    public MtaStsPolicy fetch(String domain) throws IOException {
        String host = "mta-sts." + domain.toLowerCase(Locale.ROOT);
        String policy;
        try {
            policy = policyText(host, https.get(host, "/.well-known/mta-sts.txt"));
        } catch (IOException e) {
            throw new IOException("The MTA-STS policy of " + domain + " could not be fetched: " + e.getMessage(), e);
        }
        try {
            return MtaStsPolicy.parse(policy);
        } catch (IllegalArgumentException e) {
            throw new IOException("The policy of " + domain + " is not valid: " + e.getMessage(), e);
        }
    }

    /** The body of a 200 {@code text/plain} answer, or why not. */
    static String body(String host, byte[] answer) throws IOException {
        return policyText(host, HttpsGet.parse(host, answer, MAX_BYTES));
    }

    private static String policyText(String host, HttpsGet.Answer answer) throws IOException {
        if (answer.status() != 200) {
            throw new IOException(host + " answered '" + answer.statusLine() + "' (only 200 counts, redirects are not followed)");
        }
        if (!answer.mediaType().equals("text/plain")) {
            throw new IOException(host + " did not serve the policy as text/plain");
        }
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
