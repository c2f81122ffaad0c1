package org.facteur.webmail.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrustedProxyValveTest {
    private final TrustedProxyValve valve = new TrustedProxyValve("127.0.0.1/32, 10.0.0.0/8, fd00::/8");

    @Test
    void theClientIsTheRightMostAddressThatIsNotATrustedProxy() {
        assertThat(valve.client("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        // Whatever the client wrote itself stays on the left and is ignored.
        assertThat(valve.client("127.0.0.1", List.of("6.6.6.6, 203.0.113.7"))).isEqualTo("203.0.113.7");
        // Two proxies: the inner one (10.1.2.3) is trusted, so the walk goes one step further.
        assertThat(valve.client("127.0.0.1", List.of("6.6.6.6, 203.0.113.7, 10.1.2.3"))).isEqualTo("203.0.113.7");
        assertThat(valve.client("127.0.0.1", List.of("6.6.6.6", "203.0.113.7"))).as("several header lines").isEqualTo("203.0.113.7");
        assertThat(valve.client("127.0.0.1", List.of("2001:db8::7"))).isEqualTo("2001:db8::7");
    }

    @Test
    void withoutAUsableChainTheLastTrustedHopIsTheClient() {
        assertThat(valve.client("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
        assertThat(valve.client("127.0.0.1", List.of("203.0.113.7, unknown"))).isEqualTo("127.0.0.1");
        assertThat(valve.client("127.0.0.1", List.of("evil.example.org"))).as("never looked up").isEqualTo("127.0.0.1");
        assertThat(valve.client("127.0.0.1", List.of("10.9.9.9"))).as("only proxies: the farthest").isEqualTo("10.9.9.9");
    }

    @Test
    void onlyConfiguredProxiesAreTrusted() {
        assertThat(valve.trusted("127.0.0.1")).isTrue();
        assertThat(valve.trusted("127.0.0.2")).isFalse();
        assertThat(valve.trusted("192.168.1.1")).as("private networks are not trusted unless listed").isFalse();
        assertThat(valve.trusted("fd12::1")).isTrue();
        assertThat(valve.trusted("localhost")).isFalse();
        assertThat(new TrustedProxyValve("").trusted("127.0.0.1")).isFalse();
    }

    @Test
    void aHostNameInTheSettingIsRefused() {
        assertThatThrownBy(() -> new TrustedProxyValve("127.0.0.1, proxy.internal"))
                .hasMessageContaining("'proxy.internal' is not an IP address or a CIDR");
    }
}
