package org.facteur.mailserver.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class TrustedNetworksTest {

    static InetAddress ip(String literal) {
        return ClientKeys.parseLiteral(literal).orElseThrow();
    }

    @Test
    void matchesCidrsAndSingleAddressesOfBothFamilies() {
        TrustedNetworks trusted = TrustedNetworks.parse("10.0.0.0/8, 192.168.1.7 172.16.0.0/12,2001:db8:ab::/48,::1");
        assertThat(trusted.contains(ip("10.200.3.4"))).isTrue();
        assertThat(trusted.contains(ip("11.0.0.1"))).isFalse();
        assertThat(trusted.contains(ip("192.168.1.7"))).isTrue();
        assertThat(trusted.contains(ip("192.168.1.8"))).isFalse();
        assertThat(trusted.contains(ip("172.31.255.255"))).isTrue();
        assertThat(trusted.contains(ip("172.32.0.0"))).isFalse();
        assertThat(trusted.contains(ip("2001:db8:ab:ff::9"))).isTrue();
        assertThat(trusted.contains(ip("2001:db8:ac::9"))).isFalse();
        assertThat(trusted.contains(ip("::1"))).isTrue();
        assertThat(trusted.contains(null)).isFalse();
    }

    @Test
    void theDefaultIsLoopbackOnlyAndEmptyTrustsNobody() {
        assertThat(TrustedNetworks.LOOPBACK.contains(ip("127.0.0.1"))).isTrue();
        assertThat(TrustedNetworks.LOOPBACK.contains(ip("127.1.2.3"))).isTrue();
        assertThat(TrustedNetworks.LOOPBACK.contains(ip("10.0.0.1"))).isFalse();
        assertThat(TrustedNetworks.parse(" ").contains(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void aHostNameOrABadPrefixIsRefusedWithTheEntryNamed() {
        assertThatThrownBy(() -> TrustedNetworks.parse("10.0.0.0/8, proxy.example.org"))
                .hasMessageContaining("'proxy.example.org' is not an IP address or a CIDR");
        assertThatThrownBy(() -> TrustedNetworks.parse("10.0.0.0/33")).hasMessageContaining("prefix outside 0..32");
        assertThatThrownBy(() -> TrustedNetworks.parse("10.0.0.0/x")).hasMessageContaining("'10.0.0.0/x'");
    }

    @Test
    void forwardedValuesAreParsedAsLiteralsOnlyNeverLookedUp() {
        assertThat(ClientKeys.parseLiteral(" 203.0.113.7 ")).contains(ip("203.0.113.7"));
        assertThat(ClientKeys.parseLiteral("2001:DB8::1")).isPresent();
        assertThat(ClientKeys.parseLiteral("::ffff:198.51.100.2")).contains(ip("198.51.100.2"));
        for (String notALiteral : new String[] {"localhost", "example.org", "1.2.3", "1.2.3.256", "0x7f.0.0.1", "::1%lo",
                "[::1]", "deadbeef", "", "1.2.3.4, 5.6.7.8"}) {
            assertThat(ClientKeys.parseLiteral(notALiteral)).as(notALiteral).isEmpty();
        }
    }
}
