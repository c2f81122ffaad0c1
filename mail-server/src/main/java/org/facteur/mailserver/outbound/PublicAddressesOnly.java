package org.facteur.mailserver.outbound;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * A {@link HttpsGet.Resolver} that keeps a host's public addresses only, for fetches a member can aim at any domain
 * (a Web Key Directory lookup): without it, a member could make the server connect to its own loopback services or to
 * the association's private network. Refused: loopback, unspecified, link-local, private (RFC 1918, IPv6 unique local
 * fc00::/7), shared (100.64.0.0/10) and multicast addresses.
 */
public final class PublicAddressesOnly implements HttpsGet.Resolver {
    private final HttpsGet.Resolver resolver;

    public PublicAddressesOnly(HttpsGet.Resolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public List<InetAddress> addresses(String host) throws IOException {
        List<InetAddress> all = resolver.addresses(host);
        List<InetAddress> reachable = all.stream().filter(PublicAddressesOnly::isPublic).toList();
        if (reachable.isEmpty() && !all.isEmpty()) {
            throw new IOException(host + " has no public address (" + all.get(0).getHostAddress()
                    + "); this server does not fetch from private or loopback addresses");
        }
        return reachable;
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc;
        }
        boolean shared = (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        boolean thisNetwork = b[0] == 0;
        return !shared && !thisNetwork;
    }
}
