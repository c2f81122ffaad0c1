package org.facteur.mailserver.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DnsServersTest {
    @Test
    void hostsWithAndWithoutPorts() {
        assertThat(DnsServers.parse(" 192.0.2.53, 127.0.0.1:5353 ,[::1]:5300,[2001:db8::1], dns.example.org").servers())
                .containsExactly(InetSocketAddress.createUnresolved("192.0.2.53", 53), InetSocketAddress.createUnresolved("127.0.0.1", 5353),
                        InetSocketAddress.createUnresolved("::1", 5300), InetSocketAddress.createUnresolved("2001:db8::1", 53),
                        InetSocketAddress.createUnresolved("dns.example.org", 53));
        assertThat(DnsServers.parse("").isSystem()).isTrue();
        assertThat(DnsServers.parse(null).isSystem()).isTrue();
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> DnsServers.parse("127.0.0.1:99999")).hasMessage("FACTEUR_DNS_SERVERS: '127.0.0.1:99999' is not host[:port] (port 1 to 65535)");
        assertThatThrownBy(() -> DnsServers.parse("127.0.0.1:x")).hasMessageContaining("'127.0.0.1:x' is not host[:port]");
        assertThatThrownBy(() -> DnsServers.parse("a b")).hasMessageContaining("'a b'");
    }

    @Test
    void txtLookupsGoToTheConfiguredServerOnAHighPort() throws Exception {
        try (Dnsmasq dns = Dnsmasq.start(List.of("test"), Map.of("long.test", "x".repeat(600)))) {
            DnsjavaTxtLookup lookup = new DnsjavaTxtLookup(DnsServers.parse(dns.server()));
            assertThat(lookup.txt("long.test")).isEqualTo(new TxtLookup.Found(List.of("x".repeat(600))));
            assertThat(lookup.txt("missing.test")).isEqualTo(new TxtLookup.NotFound());
        }
        // nobody answers on that port any more: a temporary failure, not "none"
        DnsServers gone = DnsServers.parse("127.0.0.1:" + org.facteur.mailserver.TestMailServers.freePort());
        assertThat(new DnsjavaTxtLookup(gone).txt("gone-" + System.nanoTime() + ".test")).isInstanceOf(TxtLookup.TemporaryFailure.class);
    }
}
