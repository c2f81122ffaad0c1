package org.facteur.mailserver.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class PublicAddressesOnlyTest {
    private static InetAddress ip(String literal) throws IOException {
        return InetAddress.getByName(literal);
    }

    @Test
    void loopbackPrivateSharedLinkLocalAndMulticastAddressesAreNotPublic() throws Exception {
        for (String refused : List.of("127.0.0.1", "127.9.9.9", "0.0.0.0", "0.1.2.3", "10.1.2.3", "172.16.0.1", "172.31.255.254",
                "192.168.1.1", "100.64.0.1", "100.127.255.254", "169.254.169.254", "224.0.0.1", "::1", "::", "fe80::1",
                "fc00::1", "fd12:3456::1", "ff02::1")) {
            assertThat(PublicAddressesOnly.isPublic(ip(refused))).as(refused).isFalse();
        }
        for (String accepted : List.of("8.8.8.8", "193.190.198.2", "100.63.255.255", "100.128.0.1", "172.32.0.1",
                "2001:4860:4860::8888", "2a02:578::1")) {
            assertThat(PublicAddressesOnly.isPublic(ip(accepted))).as(accepted).isTrue();
        }
    }

    @Test
    void aHostWithOnlyPrivateAddressesIsRefusedWithAReasonAndMixedHostsKeepTheirPublicOnes() throws Exception {
        PublicAddressesOnly privateOnly = new PublicAddressesOnly(host -> List.of(ip("127.0.0.1"), ip("10.0.0.5")));
        assertThatThrownBy(() -> privateOnly.addresses("openpgpkey.inside.test")).isInstanceOf(IOException.class)
                .hasMessageContaining("openpgpkey.inside.test has no public address (127.0.0.1)");
        PublicAddressesOnly mixed = new PublicAddressesOnly(host -> List.of(ip("10.0.0.5"), ip("193.190.198.2")));
        assertThat(mixed.addresses("openpgpkey.mixed.test")).containsExactly(ip("193.190.198.2"));
        PublicAddressesOnly none = new PublicAddressesOnly(host -> List.of());
        assertThat(none.addresses("nowhere.test")).isEmpty();
    }
}
