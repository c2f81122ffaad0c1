package org.facteur.mailserver.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The JDK's resolver in tests, with host names a test adds ({@link #add}) on top, like lines in {@code /etc/hosts}:
 * javax.mail resolves the MX host itself when RemoteDelivery connects by name (it does to check the certificate's name),
 * so MX names served by the test's dnsmasq must also resolve there. Every other name goes to the built-in resolver.
 */
public final class TestHostsResolverProvider extends InetAddressResolverProvider {
    private static final Map<String, InetAddress> HOSTS = new ConcurrentHashMap<>();

    /** Resolves this name to this address in this JVM. */
    public static void add(String host, String address) throws UnknownHostException {
        HOSTS.put(host.toLowerCase(java.util.Locale.ROOT), InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress()));
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                InetAddress mapped = HOSTS.get(host.toLowerCase(java.util.Locale.ROOT));
                return mapped != null ? Stream.of(mapped) : builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "facteur-test-hosts";
    }
}
