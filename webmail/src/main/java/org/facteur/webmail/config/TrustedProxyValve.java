package org.facteur.webmail.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Believes {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only from the configured reverse proxies
 * ({@code FACTEUR_TRUSTED_PROXIES}, CIDRs), before anything else sees the request, so the session cookie
 * gets Secure and the login its real client address. The client is the right-most address of the chain
 * that is not a trusted proxy: entries to its left were written by the client itself and mean nothing.
 * Tomcat's RemoteIpValve does the same walk but only takes regular expressions, not CIDRs.
 */
final class TrustedProxyValve extends ValveBase {
    private static final Logger LOG = LoggerFactory.getLogger(TrustedProxyValve.class);
    /** Literal IPv4 or IPv6 addresses only: a forwarded value must never cause a DNS lookup. */
    private static final Pattern LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<IpAddressMatcher> proxies;
    private final AtomicBoolean untrustedHeaderLogged = new AtomicBoolean();

    TrustedProxyValve(String trustedProxies) {
        super(true);
        List<IpAddressMatcher> matchers = new ArrayList<>();
        for (String entry : (trustedProxies == null ? "" : trustedProxies).strip().split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                if (!LITERAL.matcher(entry.replaceFirst("/\\d{1,3}$", "")).matches()) {
                    throw new IllegalArgumentException("trusted proxies: '" + entry + "' is not an IP address or a CIDR");
                }
                matchers.add(new IpAddressMatcher(entry));
            }
        }
        this.proxies = List.copyOf(matchers);
    }

    boolean trusted(String address) {
        return address != null && LITERAL.matcher(address).matches() && proxies.stream().anyMatch(p -> p.matches(address));
    }

    /** The client behind a trusted peer: walks the chain from the right, past trusted proxies. */
    String client(String peer, List<String> forwardedFor) {
        String client = peer;
        List<String> chain = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                chain.add(hop.strip());
            }
        }
        Collections.reverse(chain);
        for (String hop : chain) {
            if (!trusted(client) || !LITERAL.matcher(hop).matches()) {
                break;
            }
            client = hop;
        }
        return client;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String peer = request.getRemoteAddr();
        if (!trusted(peer)) {
            if (request.getHeader("X-Forwarded-For") != null && untrustedHeaderLogged.compareAndSet(false, true)) {
                LOG.info("X-Forwarded-For from {} ignored: it is not in FACTEUR_TRUSTED_PROXIES (logged once)", peer);
            }
            getNext().invoke(request, response);
            return;
        }
        String originalHost = request.getRemoteHost();
        boolean originalSecure = request.isSecure();
        String originalScheme = request.getScheme();
        int originalPort = request.getServerPort();
        try {
            String client = client(peer, Collections.list(request.getHeaders("X-Forwarded-For")));
            request.setRemoteAddr(client);
            request.setRemoteHost(client);
            String proto = request.getHeader("X-Forwarded-Proto");
            if (proto != null) {
                String closest = proto.substring(proto.lastIndexOf(',') + 1).strip();
                boolean https = "https".equalsIgnoreCase(closest);
                request.setSecure(https);
                request.getCoyoteRequest().scheme().setString(https ? "https" : "http");
                request.setServerPort(https ? 443 : 80);
            }
            getNext().invoke(request, response);
        } finally {
            request.setRemoteAddr(peer);
            request.setRemoteHost(originalHost);
            request.setSecure(originalSecure);
            request.getCoyoteRequest().scheme().setString(originalScheme);
            request.setServerPort(originalPort);
        }
    }
}
