package org.facteur.mailserver.login;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** Client addresses as counted by {@link LoginThrottle}, and strict parsing of forwarded ones. */
public final class ClientKeys {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private ClientKeys() {
    }

    /**
     * IPv4 addresses count one by one; IPv6 ones by /64, the block one subscriber (or one attacker) gets.
     * IPv4-mapped IPv6 addresses count as IPv4.
     */
    static String of(InetAddress client) {
        if (client == null) {
            return "unknown";
        }
        if (client instanceof Inet6Address) {
            byte[] prefix = new byte[8];
            System.arraycopy(client.getAddress(), 0, prefix, 0, 8);
            return HexFormat.of().formatHex(prefix) + "::/64";
        }
        return client.getHostAddress();
    }

    /**
     * An IP address written as a literal (dotted IPv4, or IPv6 without zone), never a host name: a forwarded
     * value is data from the network and must not cause a DNS lookup.
     */
    public static Optional<InetAddress> parseLiteral(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            var v4 = IPV4.matcher(text);
            if (v4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(v4.group(i + 1));
                    if (part > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) part;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (text.length() <= 45 && IPV6.matcher(text).matches()) {
                // Only hex digits, colons and dots, with a colon: the JDK parses it as an IPv6 literal, no lookup.
                return Optional.of(InetAddress.getByName(text));
            }
        } catch (java.net.UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
