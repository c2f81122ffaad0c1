package org.facteur.mailserver.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * The DNS servers every lookup of this server goes through ({@code FACTEUR_DNS_SERVERS}: comma-separated
 * {@code host[:port]}, port 53 by default, IPv6 addresses in brackets): James's (RemoteDelivery's MX lookups, domain
 * checks) and the inbound SPF, DKIM and DMARC checks. Empty: the system's resolvers ({@code /etc/resolv.conf}).
 */
public record DnsServers(List<InetSocketAddress> servers) {
    /** How long one query waits for an answer from one server before the next is tried. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    public DnsServers {
        servers = List.copyOf(servers);
    }

    public static DnsServers system() {
        return new DnsServers(List.of());
    }

    /** Parses {@code host[:port],...}; a clear error names the entry that is not one. */
    public static DnsServers parse(String value) {
        List<InetSocketAddress> servers = new ArrayList<>();
        if (value == null) {
            return system();
        }
        for (String entry : value.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            String host = e;
            int port = 53;
            if (e.startsWith("[")) {
                int close = e.indexOf(']');
                if (close < 0) {
                    throw invalid(e);
                }
                host = e.substring(1, close);
                if (close + 1 < e.length()) {
                    if (e.charAt(close + 1) != ':') {
                        throw invalid(e);
                    }
                    port = port(e, e.substring(close + 2));
                }
            } else if (e.indexOf(':') >= 0 && e.indexOf(':') == e.lastIndexOf(':')) {
                host = e.substring(0, e.indexOf(':'));
                port = port(e, e.substring(e.indexOf(':') + 1));
            }
            if (host.isEmpty() || !host.toLowerCase(Locale.ROOT).matches("[0-9a-f.:a-z-]+")) {
                throw invalid(e);
            }
            servers.add(InetSocketAddress.createUnresolved(host, port));
        }
        return new DnsServers(servers);
    }

    private static int port(String entry, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException ex) {
            return invalidPort(entry);
        }
    }

    private static int invalidPort(String entry) {
        throw new IllegalArgumentException("FACTEUR_DNS_SERVERS: '" + entry + "' is not host[:port] (port 1 to 65535)");
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException("FACTEUR_DNS_SERVERS: '" + entry
                + "' is not host[:port] (e.g. 192.0.2.53 or 127.0.0.1:5353, comma-separated)");
    }

    public boolean isSystem() {
        return servers.isEmpty();
    }

    /**
     * A resolver asking these servers in turn; the system's default (the one James installs as dnsjava's default) when
     * none are configured.
     */
    public Resolver resolver() {
        if (servers.isEmpty()) {
            return Lookup.getDefaultResolver();
        }
        return resolver(TIMEOUT);
    }

    /** A resolver asking these servers in turn, or the system's (read afresh) when none are configured. */
    public Resolver resolver(Duration timeout) {
        if (servers.isEmpty()) {
            ExtendedResolver system = new ExtendedResolver();
            system.setTimeout(timeout);
            system.setRetries(1);
            return system;
        }
        List<Resolver> resolvers = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            try {
                SimpleResolver simple = new SimpleResolver(server.getHostString());
                simple.setPort(server.getPort());
                simple.setTimeout(timeout);
                resolvers.add(simple);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("FACTEUR_DNS_SERVERS: cannot find the address of " + server.getHostString(), e);
            }
        }
        ExtendedResolver resolver = new ExtendedResolver(resolvers);
        resolver.setTimeout(timeout);
        resolver.setRetries(1);
        return resolver;
    }

    @Override
    public String toString() {
        return servers.isEmpty() ? "the system's resolvers"
                : String.join(", ", servers.stream().map(s -> s.getHostString() + ":" + s.getPort()).toList());
    }
}
