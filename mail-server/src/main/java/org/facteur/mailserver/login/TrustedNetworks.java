package org.facteur.mailserver.login;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Networks whose hosts may tell the server the address of the client they speak for ({@code x-originating-ip}
 * in IMAP ID, as the webmail and Dovecot-style proxies do): {@code FACTEUR_TRUSTED_PROXIES}, CIDRs or single
 * addresses separated by commas or spaces.
 */
public final class TrustedNetworks {
    /** Loopback only: the webmail in the same process, or a reverse proxy on the same host. */
    public static final TrustedNetworks LOOPBACK = parse("127.0.0.0/8, ::1");

    private record Network(byte[] address, int prefix) {
        boolean contains(byte[] candidate) {
            if (candidate.length != address.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (candidate[full] & mask) == (address[full] & mask);
        }
    }

    private final List<Network> networks;
    private final String text;

    private TrustedNetworks(List<Network> networks, String text) {
        this.networks = List.copyOf(networks);
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the first entry that is not an address or a CIDR */
    public static TrustedNetworks parse(String value) {
        List<Network> networks = new ArrayList<>();
        String text = value == null ? "" : value.strip();
        for (String entry : text.split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress address = ClientKeys.parseLiteral(host).orElseThrow(() -> new IllegalArgumentException(
                    "trusted proxies: '" + entry + "' is not an IP address or a CIDR such as 10.0.0.0/8"));
            int bits = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("trusted proxies: '" + entry + "' has a prefix outside 0.." + bits);
            }
            networks.add(new Network(address.getAddress(), prefix));
        }
        return new TrustedNetworks(networks, String.join(", ", text.split("[,\\s]+")));
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] candidate = address.getAddress();
        return networks.stream().anyMatch(n -> n.contains(candidate));
    }

    @Override
    public String toString() {
        return text;
    }
}
