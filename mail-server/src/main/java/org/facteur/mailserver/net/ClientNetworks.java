package org.facteur.mailserver.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Client networks written as addresses or CIDR blocks ({@code 127.0.0.0/8}, {@code ::1}, {@code 10.0.0.0/24}), such
 * as the clients exempt from the per-IP connection limit. Only literal addresses are accepted: no name is looked up.
 */
public final class ClientNetworks {
    private final List<Block> blocks;

    private ClientNetworks(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static ClientNetworks none() {
        return new ClientNetworks(List.of());
    }

    /** Parses each entry; a malformed one is refused with a sentence naming it. */
    public static ClientNetworks parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.strip();
            if (!e.isEmpty()) {
                blocks.add(Block.parse(e));
            }
        }
        return new ClientNetworks(blocks);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return blocks.stream().anyMatch(b -> b.contains(bytes));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    private record Block(byte[] network, int prefix) {
        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            boolean ipv4 = !address.contains(":");
            if (ipv4 ? !address.matches("\\d{1,3}(\\.\\d{1,3}){3}") : !address.matches("[0-9A-Fa-f:.]+")) {
                throw invalid(entry);
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw invalid(entry);
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw invalid(entry);
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw invalid(entry);
                }
            }
            return new Block(bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }

        private static IllegalArgumentException invalid(String entry) {
            return new IllegalArgumentException("'" + entry + "' is not a network: write an address or address/prefix, "
                    + "such as 127.0.0.0/8 or ::1");
        }
    }
}
