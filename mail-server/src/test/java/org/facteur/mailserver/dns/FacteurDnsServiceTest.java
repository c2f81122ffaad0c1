package org.facteur.mailserver.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.Test;

/**
 * James's DNS service as Facteur binds it: the lookups RemoteDelivery makes (MX records, then the MX host's address)
 * go to the FACTEUR_DNS_SERVERS server, here a dnsmasq on a high port, which James's own configuration cannot name.
 */
class FacteurDnsServiceTest {
    @Test
    void mxAndAddressLookupsGoToTheConfiguredServer() throws Exception {
        // the service installs its resolver and cache as dnsjava's defaults: give them back to the other tests of this JVM
        org.xbill.DNS.Resolver resolver = org.xbill.DNS.Lookup.getDefaultResolver();
        org.xbill.DNS.Cache cache = org.xbill.DNS.Lookup.getDefaultCache(org.xbill.DNS.DClass.IN);
        try (Dnsmasq dns = Dnsmasq.start(List.of("test"), Map.of(), 0,
                List.of("--mx-host=remote.test,mx1.remote.test,10", "--host-record=mx1.remote.test,192.0.2.25"))) {
            FacteurDnsService service = started(new FacteurDnsService(new RecordingMetricFactory(), DnsServers.parse(dns.server())));
            assertThat(service.findMXRecords("remote.test")).containsExactly("mx1.remote.test.");
            assertThat(service.getByName("mx1.remote.test").getHostAddress()).isEqualTo("192.0.2.25");
            assertThat(service.findTXTRecords("remote.test")).isEmpty();
        } finally {
            org.xbill.DNS.Lookup.setDefaultResolver(resolver);
            org.xbill.DNS.Lookup.setDefaultCache(cache, org.xbill.DNS.DClass.IN);
        }
    }

    @Test
    void anEnforceMtaStsPolicyKeepsOnlyTheMxHostsItNamesAndNoneIsATemporaryFailure() throws Exception {
        org.xbill.DNS.Resolver resolver = org.xbill.DNS.Lookup.getDefaultResolver();
        org.xbill.DNS.Cache cache = org.xbill.DNS.Lookup.getDefaultCache(org.xbill.DNS.DClass.IN);
        try (Dnsmasq dns = Dnsmasq.start(List.of("test"), Map.of(), 0, List.of(
                "--mx-host=secure.test,mx1.secure.test,10", "--mx-host=secure.test,backup.elsewhere.test,20",
                "--mx-host=lax.test,mx1.lax.test,10", "--mx-host=locked.test,mx1.locked.test,10"))) {
            Map<String, MtaStsPolicy> policies = Map.of(
                    "secure.test", MtaStsPolicy.of(MtaStsPolicy.Mode.ENFORCE, "*.secure.test", java.time.Duration.ofDays(1)),
                    "lax.test", MtaStsPolicy.of(MtaStsPolicy.Mode.TESTING, "other.lax.test", java.time.Duration.ofDays(1)),
                    "locked.test", MtaStsPolicy.of(MtaStsPolicy.Mode.ENFORCE, "mx.nowhere.test", java.time.Duration.ofDays(1)));
            FacteurDnsService service = started(new FacteurDnsService(new RecordingMetricFactory(), DnsServers.parse(dns.server()),
                    domain -> java.util.Optional.ofNullable(policies.get(domain))));
            assertThat(service.findMXRecords("secure.test")).containsExactly("mx1.secure.test.");
            assertThat(service.findMXRecords("lax.test")).as("testing: every MX").containsExactly("mx1.lax.test.");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.findMXRecords("locked.test"))
                    .isInstanceOf(org.apache.james.dnsservice.api.TemporaryResolutionException.class);
        } finally {
            org.xbill.DNS.Lookup.setDefaultResolver(resolver);
            org.xbill.DNS.Lookup.setDefaultCache(cache, org.xbill.DNS.DClass.IN);
        }
    }

    private static FacteurDnsService started(FacteurDnsService service) throws Exception {
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("autodiscover", false);
        service.configure(conf);
        service.init();
        return service;
    }
}
