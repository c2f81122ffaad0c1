package org.facteur.mailserver.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.facteur.mailserver.dns.DnsServers;
import org.facteur.mailserver.dns.Dnsmasq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** jSPF through a real DNS server (dnsmasq on a high port): the resolver setting reaches every lookup it makes. */
class JspfCheckTest {
    private static Dnsmasq dns;
    private static JspfCheck spf;

    @BeforeAll
    static void dns() throws Exception {
        dns = Dnsmasq.start(List.of("test"), Map.of(
                "allowed.test", "v=spf1 ip4:192.0.2.0/24 include:other.test -all",
                "other.test", "v=spf1 ip4:198.51.100.7 ~all",
                "broken.test", "v=spf1 ip4:192.0.2.1 bogus:x -all"));
        spf = new JspfCheck(DnsServers.parse(dns.server()));
    }

    @AfterAll
    static void stop() throws Exception {
        dns.close();
    }

    @Test
    void resultsOfRfc7208() {
        assertThat(spf.check("192.0.2.10", "a@allowed.test", "mx.allowed.test")).isEqualTo("pass");
        assertThat(spf.check("198.51.100.7", "a@allowed.test", "mx.allowed.test")).as("through include:").isEqualTo("pass");
        assertThat(spf.check("203.0.113.5", "a@allowed.test", "mx.allowed.test")).isEqualTo("fail");
        assertThat(spf.check("203.0.113.5", "a@nothing.test", "mx.nothing.test")).isEqualTo("none");
        assertThat(spf.check("192.0.2.1", "a@broken.test", "x")).isEqualTo("permerror");
    }

    @Test
    void theNullSenderIsCheckedOnTheHeloName() {
        assertThat(spf.check("192.0.2.10", "", "allowed.test")).isEqualTo("pass");
        assertThat(spf.check("203.0.113.5", "", "allowed.test")).isEqualTo("fail");
    }
}
