package org.facteur.mailserver.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClientNetworksTest {

    @Test
    void blocksMatchTheirAddressesOnly() throws Exception {
        ClientNetworks loopback = ClientNetworks.parse(List.of("127.0.0.0/8", " ::1 ", ""));
        assertThat(loopback.contains(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(loopback.contains(InetAddress.getByName("127.255.1.2"))).isTrue();
        assertThat(loopback.contains(InetAddress.getByName("::1"))).isTrue();
        assertThat(loopback.contains(InetAddress.getByName("128.0.0.1"))).isFalse();
        assertThat(loopback.contains(InetAddress.getByName("192.0.2.2"))).isFalse();
        assertThat(loopback.contains(InetAddress.getByName("::2"))).isFalse();

        ClientNetworks odd = ClientNetworks.parse(List.of("10.1.2.128/25", "fd00::/8", "192.0.2.7"));
        assertThat(odd.contains(InetAddress.getByName("10.1.2.200"))).isTrue();
        assertThat(odd.contains(InetAddress.getByName("10.1.2.100"))).isFalse();
        assertThat(odd.contains(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(odd.contains(InetAddress.getByName("192.0.2.7"))).isTrue();
        assertThat(odd.contains(InetAddress.getByName("192.0.2.8"))).isFalse();
        assertThat(ClientNetworks.none().contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void namesAndMalformedBlocksAreRefusedWithASentence() {
        for (String bad : List.of("localhost", "10.0.0.0/33", "10.0.0.0/x", "1.2.3", "::1/129")) {
            assertThatThrownBy(() -> ClientNetworks.parse(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a network");
        }
    }
}
